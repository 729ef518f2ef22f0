using LuceneAnalyzer = Lucene.Net.Analysis.Analyzer;

namespace LuceneReco.Index.LuceneNet;

/// <summary>What every view of one Lucene.Net index shares: its schema, its per-field analyzer, and which text fields really keep term vectors.</summary>
internal sealed class LuceneNetContext(LuceneNetSchema schema, LuceneAnalyzer analyzer, IReadOnlyDictionary<string, bool> termVectors)
{
    public LuceneNetSchema Schema { get; } = schema;

    /// <summary>The schema as our <see cref="Documents.IndexSchema"/>, term vectors as the index really keeps them.</summary>
    public Documents.IndexSchema Projected { get; } = schema.ToIndexSchema(f => termVectors.GetValueOrDefault(f));

    public LuceneAnalyzer Analyzer { get; } = analyzer;

    /// <summary>Whether <paramref name="field"/> keeps term vectors in the index.</summary>
    public bool HasTermVectors(string field) => termVectors.GetValueOrDefault(field);
}
