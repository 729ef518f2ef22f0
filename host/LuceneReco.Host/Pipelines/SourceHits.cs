namespace LuceneReco.Host.Pipelines;

/// <summary>One recall source's hits, best first, with the source's fusion weight.</summary>
internal sealed record SourceHits(string Source, double Weight, IReadOnlyList<RecallHit> Hits);
