namespace LuceneReco.Plugins;

/// <summary>
/// One step of a pipeline: receives the request and the candidates with every earlier stage's scores and
/// features, may add scores, features and explanations, and may reorder the list. The host gives each
/// stage its own copy of the candidates and applies it only if the stage finishes within its time
/// budget without throwing; otherwise the stage is skipped for that request and the response says so.
/// Stages are called concurrently for different requests and must be thread-safe.
/// </summary>
public interface IRankerStage
{
    /// <summary>Rescores and/or reorders <paramref name="candidates"/> in place.</summary>
    /// <param name="request">What was asked.</param>
    /// <param name="candidates">The candidates, best first; set <see cref="Candidate.Score"/> to rescore, reorder the list to rerank.</param>
    /// <param name="cancellation">Signalled when the stage's time budget is spent.</param>
    ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation);
}
