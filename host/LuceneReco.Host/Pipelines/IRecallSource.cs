namespace LuceneReco.Host.Pipelines;

/// <summary>
/// A way of finding candidates in the index. A source that has nothing to work with (no query text
/// for <c>search</c>, no item for <c>similar</c>, no history for <c>profile</c>) returns no hits.
/// Implementations are stateless and thread-safe; add one to <see cref="RecallSources"/>.
/// </summary>
internal interface IRecallSource
{
    /// <summary>The name pipelines use (and the stage-score name of its scores).</summary>
    string Name { get; }

    /// <summary>The best <see cref="RecallStep.Size"/> live hits, best first, leaving out <see cref="RecallContext.Excluded"/> docs.</summary>
    /// <exception cref="ArgumentException">The source cannot run on this index (e.g. no text field with term vectors).</exception>
    IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step);
}
