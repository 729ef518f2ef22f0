using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Serving;

/// <summary>
/// Erasing a user from every place the serving engine keeps user data: the interaction store (rows zeroed, its write-ahead
/// log truncated, the erasure recorded without the id) and every SQLite feature log (the lists served to the user). Nothing
/// else the host keeps is keyed by user (an experiment's impressions are lists in a feature log): stage caches hold stage instances, the exposure plugin's state counts exposure per
/// group, and trained models drop the user at their next training.
/// </summary>
internal static class UserErasure
{
    /// <summary>What an erasure removed.</summary>
    /// <param name="Events">Interaction events.</param>
    /// <param name="ServedLists">Served lists in feature logs.</param>
    public sealed record Result(int Events, int ServedLists);

    /// <summary>Erases <paramref name="userId"/> from the store and the feature logs of <paramref name="config"/> (and every one open).</summary>
    /// <exception cref="WriteRefusedException">
    /// 503: the rows are deleted everywhere, but a reader outside the server kept the store's write-ahead log busy, so old
    /// copies remain there until the user is erased again (safe to repeat) or the server stops cleanly.
    /// </exception>
    public static Result Erase(Interactions.IInteractionStore store, ServingConfig config, string userId)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        Interactions.ErasureUnfinishedException? unfinished = null;
        int events;
        try
        {
            events = store.EraseUser(userId);
        }
        catch (Interactions.ErasureUnfinishedException e)
        {
            unfinished = e;
            events = e.Events;
        }
        var logs = new List<FeatureLogSettings>();
        foreach (var pipeline in config.Pipelines.Values)
            if (pipeline.FeatureLog is { } log) logs.Add(log);
        foreach (var experiment in config.Experiments.Values) // impressions of an experiment whose control has no feature log
            if (experiment.Log is { } log) logs.Add(log);
        int lists = SqliteFeatureLog.EraseEverywhere(userId, logs); // the logs too, even when the store's log is still busy
        if (unfinished is not null) throw WriteRefusedException.ErasureUnfinished(events, unfinished);
        return new Result(events, lists);
    }
}
