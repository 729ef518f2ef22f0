namespace LuceneReco.Host.Interactions;

/// <summary>
/// The interactions file cannot be read at all (format not recognized, missing MovieLens header). The message is
/// one line, <c>file:line: reason</c>. Bad data lines are not exceptions: they are yielded as <see cref="InteractionRecord"/> errors.
/// </summary>
internal sealed class InteractionFileException(string message) : FormatException(message);
