namespace LuceneReco.Index.LuceneNet;

/// <summary>One field of a <see cref="LuceneNetSchema"/>, named as in the Lucene.Net index.</summary>
/// <param name="Name">The Lucene field name.</param>
/// <param name="Kind"><c>text</c>, <c>keyword</c>, <c>numeric</c> or <c>stored</c>.</param>
public sealed record LuceneNetField(string Name, string Kind)
{
    /// <summary>The Lucene.Net analyzer of a text field (see <see cref="LuceneNetAnalyzers.Names"/>). <value>The default is <c>null</c>: "english".</value></summary>
    public string? Analyzer { get; init; }

    /// <summary>Whether values are stored (returned with results; MoreLikeThis re-analyses stored text where there are no term vectors). <value>The default is <c>true</c>.</value></summary>
    public bool Stored { get; init; } = true;

    /// <summary>Whether a text field keeps term vectors. An attached index is checked: what it really has wins, with a warning. <value>The default is <c>true</c> for text fields.</value></summary>
    public bool TermVectors { get; init; } = Kind == "text";

    /// <summary>How a numeric field is encoded: <c>int</c>, <c>long</c>, <c>float</c> or <c>double</c>. <value>The default is <c>null</c>: "double".</value></summary>
    public string? NumericType { get; init; }

    /// <summary>The analyzer name in effect (lower case).</summary>
    internal string AnalyzerName => (Analyzer ?? "english").Trim().ToLowerInvariant();

    /// <summary>The numeric type in effect.</summary>
    internal string NumericTypeName => NumericType ?? "double";
}
