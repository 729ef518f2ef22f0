namespace LuceneReco.Plugins;

/// <summary>
/// Finds candidates for a request. The host calls <see cref="Recall"/> once per request, within the pipeline's recall
/// phase; sources are shared by concurrent requests and must be thread-safe.
/// </summary>
public interface ICandidateSource
{
    /// <summary>
    /// The best <see cref="CandidateQuery.Size"/> items for <paramref name="query"/>, best first, each passing
    /// <see cref="CandidateQuery.Accepts"/>: a source fills its size from accepted items (ask the model for more when
    /// some are refused), never returns refused ones, and returns fewer only when it knows no more.
    /// Return an empty list when the source has nothing to work with (no history, no model yet).
    /// </summary>
    /// <param name="query">The request: who, what they did, what passes the filters.</param>
    /// <param name="cancellation">Signalled when the request is abandoned.</param>
    IReadOnlyList<SourcedCandidate> Recall(CandidateQuery query, CancellationToken cancellation);

    /// <summary>
    /// Which items the source's current model knows (has seen interactions for), for the pipeline's places for new
    /// items: an item no source of the pipeline knows is "new". Null when the source has no model yet (then it
    /// makes no item new). The predicate must be a snapshot: it answers for the model this call saw.
    /// </summary>
    Predicate<string>? KnownItems();

    /// <summary>
    /// As <see cref="KnownItems()"/>, for the model <paramref name="query"/> recalled with: a source that pins its model
    /// version per request (<see cref="CandidateQuery.Models"/>) answers for the pinned version. The host calls this one.
    /// </summary>
    Predicate<string>? KnownItems(CandidateQuery query) => KnownItems();
}
