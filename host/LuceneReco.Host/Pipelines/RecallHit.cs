using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// An item a recall source found: its doc number in the request's reader, id, score and (when explaining) why; the
/// reason's source is filled in by fusion with the step's source name.
/// </summary>
internal readonly record struct RecallHit(int Doc, string Id, double Score, Reason? Why);
