namespace LuceneReco.Index.Search;

/// <summary>A hit: a doc number and its score.</summary>
public readonly record struct ScoreDoc(int Doc, float Score);

/// <summary>The best hits of a search, best first (ties by doc number, as in Lucene), and how many documents matched.</summary>
public sealed record TopDocs(int TotalHits, IReadOnlyList<ScoreDoc> Hits);
