namespace LuceneReco.Host.Pipelines;

/// <summary>An item a recall source found: its doc number in the request's reader, id, score and (when explaining) why.</summary>
internal readonly record struct RecallHit(int Doc, string Id, double Score, string? Why);
