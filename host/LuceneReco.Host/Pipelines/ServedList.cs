namespace LuceneReco.Host.Pipelines;

/// <summary>One list as it was served, for the feature log.</summary>
/// <param name="RequestId">The request's id (returned with the response).</param>
/// <param name="Pipeline">The pipeline that served it.</param>
/// <param name="UserId">The user, when known (a list without one cannot be labelled).</param>
/// <param name="ServedAt">When it was served.</param>
/// <param name="RandomisedTop">How many of the first places were shuffled at random (0: served as ranked).</param>
/// <param name="Items">The items in the order served, position 1 first.</param>
internal sealed record ServedList(string RequestId, string Pipeline, string? UserId, DateTimeOffset ServedAt, int RandomisedTop, IReadOnlyList<ServedItem> Items);

/// <summary>One served item: its place, final score and every feature the pipeline recorded.</summary>
internal sealed record ServedItem(string ItemId, int Position, double Score, IReadOnlyDictionary<string, double> Features);

/// <summary>Where served lists are logged (the SQLite feature log, <see cref="FeatureLog.SqliteFeatureLog"/>, outside the engine).</summary>
internal interface IServedListLog
{
    /// <summary>Appends <paramref name="list"/>, dropping the oldest lists beyond the log's bound.</summary>
    void Append(ServedList list);
}
