using System.Collections.Concurrent;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// One user's remembered work for one index generation and history (<see cref="UserCache"/>): profile queries by their
/// options, and plain results by their request. Safe for concurrent requests of the same user (the worst case is a
/// query built twice).
/// </summary>
internal sealed class UserCacheEntry(string userId, long generation, HistoryStamp history)
{
    /// <summary>At most this many results are kept per user (different k, pipeline or explain); past it they are all dropped.</summary>
    public const int MaxResults = 8;

    private readonly ConcurrentDictionary<string, MoreLikeThisQuery> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (PipelineResult Result, long Made, IReadOnlyDictionary<string, long> States)> _results = new(StringComparer.Ordinal);

    /// <summary>The user.</summary>
    public string UserId => userId;

    /// <summary>The index generation the entry was made from.</summary>
    public long Generation => generation;

    /// <summary>The history the entry was made from.</summary>
    public HistoryStamp History => history;

    /// <summary>The profile query for <paramref name="key"/> (its options and profile size), made by <paramref name="make"/> once.</summary>
    public MoreLikeThisQuery Profile(string key, Func<MoreLikeThisQuery> make)
    {
        if (_profiles.TryGetValue(key, out var query)) return query;
        query = make();
        _profiles.TryAdd(key, query);
        return query;
    }

    /// <summary>The result remembered for <paramref name="key"/> when it was made at or after <paramref name="notBefore"/> (a timestamp), or null.</summary>
    public PipelineResult? Result(string key, long notBefore) => Remembered(key, notBefore)?.Result;

    /// <summary>Like <see cref="Result"/>, with the serving plugins' <see cref="IPluginState.StateVersion"/> as they were when it was remembered.</summary>
    public (PipelineResult Result, IReadOnlyDictionary<string, long> States)? Remembered(string key, long notBefore) =>
        _results.TryGetValue(key, out var r) && r.Made >= notBefore ? (r.Result, r.States) : null;

    /// <summary>
    /// Remembers <paramref name="result"/> for <paramref name="key"/>, made at <paramref name="made"/> (a timestamp), with the
    /// state version of each plugin that served it (<paramref name="states"/>; none when no plugin served).
    /// </summary>
    public void Remember(string key, PipelineResult result, long made, IReadOnlyDictionary<string, long>? states = null)
    {
        if (_results.Count >= MaxResults) _results.Clear();
        _results[key] = (result, made, states ?? new Dictionary<string, long>());
    }
}

/// <summary>A history's fingerprint: how many events, and a 64-bit hash of every event's item, kind, weight and time in order.</summary>
internal readonly record struct HistoryStamp(int Count, ulong Hash)
{
    /// <summary>The stamp of <paramref name="history"/>.</summary>
    public static HistoryStamp Of(IReadOnlyList<Interaction> history)
    {
        ulong h = 14695981039346656037UL; // FNV-1a's offset basis, over one 32-bit hash per event
        for (int i = 0; i < history.Count; i++)
        {
            var e = history[i];
            h = (h ^ (uint)HashCode.Combine(e.ItemId, e.Kind, e.Weight, e.Timestamp.UtcTicks)) * 1099511628211UL;
        }
        return new HistoryStamp(history.Count, h);
    }
}
