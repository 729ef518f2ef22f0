namespace LuceneReco.Host.Pipelines;

/// <summary>One list as it was served, for the feature log.</summary>
/// <param name="RequestId">The request's id (returned with the response).</param>
/// <param name="Pipeline">The pipeline that served it.</param>
/// <param name="UserId">The user, when known (a list without one cannot be labelled).</param>
/// <param name="ServedAt">When it was served.</param>
/// <param name="RandomisedTop">How many of the first places were shuffled at random (0: served as ranked).</param>
/// <param name="Items">The items in the order served, position 1 first.</param>
internal sealed record ServedList(string RequestId, string Pipeline, string? UserId, DateTimeOffset ServedAt, int RandomisedTop, IReadOnlyList<ServedItem> Items)
{
    /// <summary>The experiment the list was interleaved for (docs/experiments.md), or null for a pipeline's own list.</summary>
    public string? Experiment { get; init; }

    /// <summary>The interleaving method of <see cref="Experiment"/> (<c>teamDraft</c> or <c>balanced</c>), or null.</summary>
    public string? Method { get; init; }
}

/// <summary>One served item: its place, final score and every feature the pipeline recorded.</summary>
/// <param name="Variant">In an interleaved list, the variant that put the item there; otherwise null.</param>
/// <param name="RankA">In an interleaved list, the item's rank in the control's ranking (0: not in it).</param>
/// <param name="RankB">In an interleaved list, the item's rank in the candidate's ranking (0: not in it).</param>
internal sealed record ServedItem(string ItemId, int Position, double Score, IReadOnlyDictionary<string, double> Features,
    Experiments.Variant? Variant = null, int RankA = 0, int RankB = 0);

/// <summary>Where served lists are logged (the SQLite feature log, <see cref="FeatureLog.SqliteFeatureLog"/>, outside the engine).</summary>
internal interface IServedListLog
{
    /// <summary>Appends <paramref name="list"/>, dropping the oldest lists beyond the log's bound.</summary>
    void Append(ServedList list);
}
