namespace LuceneReco.Host.Items;

/// <summary>
/// The items file cannot be read at all (unknown extension, bad header, columns the schema does not
/// know). The message is one line of the form <c>file:line: reason</c>. Bad data lines are not
/// exceptions: <see cref="ItemReader"/> yields them as <see cref="ItemRecord"/> errors.
/// </summary>
internal sealed class ItemFileException(string message) : FormatException(message);
