using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Items;

/// <summary>One line of an items file: either a document or the reason the line was rejected.</summary>
/// <param name="Line">1-based physical line number in the file (the TSV header is line 1).</param>
/// <param name="Document">The item, or null when the line is bad.</param>
/// <param name="Error">Why the line is bad, or null when <paramref name="Document"/> is set.</param>
internal readonly record struct ItemRecord(long Line, Document? Document, string? Error)
{
    /// <summary>A good line.</summary>
    public static ItemRecord Ok(long line, Document document) => new(line, document, null);

    /// <summary>A bad line.</summary>
    public static ItemRecord Bad(long line, string error) => new(line, null, error);

    /// <summary>A bad line whose problem is in one field (<c>id</c> or a schema field), named for the HTTP edge's errors.</summary>
    public static ItemRecord Bad(long line, string error, string field) => new(line, null, error) { Field = field };

    /// <summary>The field the problem is in, or null when it is the line as a whole (or unknown).</summary>
    public string? Field { get; init; }

    /// <summary>The error as <c>file:line: reason</c>, the form compilers use, so editors can jump to it.</summary>
    public string Describe(string fileName) => $"{fileName}:{Line.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {Error}";
}
