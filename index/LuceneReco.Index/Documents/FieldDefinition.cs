namespace LuceneReco.Index.Documents;

/// <summary>One field of an <see cref="IndexSchema"/>.</summary>
/// <param name="Name">The field name: letters, digits, '_' or '-', not "id".</param>
/// <param name="Kind">How the field is indexed.</param>
public sealed record FieldDefinition(string Name, FieldKind Kind)
{
    /// <summary>Whether per-document term vectors (term -> frequency) are kept. Text fields only.</summary>
    /// <value>The default is <c>true</c> for text fields.</value>
    public bool TermVectors { get; init; } = Kind == FieldKind.Text;

    /// <summary>Whether the original value is stored and returned with results.</summary>
    /// <value>The default is <c>true</c>.</value>
    public bool Stored { get; init; } = true;

    /// <summary>The analyzer name for text fields (see <see cref="Analysis.Analyzers.Names"/>).</summary>
    /// <value>The default is "english".</value>
    public string Analyzer { get; init; } = "english";

    /// <summary>For keyword fields read from a column: the character that separates several values (tags).</summary>
    /// <value>The default is <c>null</c>: the whole column is one value.</value>
    public char? Separator { get; init; }
}
