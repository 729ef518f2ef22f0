using LuceneReco.Plugins;

namespace LuceneReco.Host.Interactions;

/// <summary>
/// Interactions kept in memory (lost on restart; <c>serve --store</c> uses the SQLite store instead). Each user and each item
/// keeps its newest <see cref="MaxPerKey"/> events; lists are kept newest first. Thread-safe.
/// </summary>
internal sealed class InMemoryInteractionStore : IInteractionStore
{
    /// <summary>Events kept per user and per item.</summary>
    public const int MaxPerKey = 1000;

    private readonly Dictionary<string, List<Interaction>> _byUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Interaction>> _byItem = new(StringComparer.Ordinal);
    private readonly object _sync = new();
    private long _count;
    private ErasureSummary _erasures = ErasureSummary.None;

    public long Count { get { lock (_sync) return _count; } }

    public void Add(Interaction interaction)
    {
        ArgumentException.ThrowIfNullOrEmpty(interaction.UserId);
        ArgumentException.ThrowIfNullOrEmpty(interaction.ItemId);
        lock (_sync)
        {
            _count += Insert(_byUser, interaction.UserId, interaction);
            Insert(_byItem, interaction.ItemId, interaction);
        }
    }

    public int EraseUser(string userId)
    {
        lock (_sync)
        {
            if (!_byUser.Remove(userId, out var events)) return 0;
            foreach (var e in events)
            {
                if (!_byItem.TryGetValue(e.ItemId, out var list)) continue;
                list.RemoveAll(i => i.UserId == userId);
                if (list.Count == 0) _byItem.Remove(e.ItemId);
            }
            _count -= events.Count;
            _erasures = new ErasureSummary(_erasures.Count + 1, _erasures.Events + events.Count, DateTimeOffset.UtcNow);
            return events.Count;
        }
    }

    public ErasureSummary Erasures()
    {
        lock (_sync) return _erasures;
    }

    public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) => Take(_byUser, userId, max);

    /// <summary>The users, most events first (each counts at most <see cref="MaxPerKey"/>, the events kept), ties by id.</summary>
    public UserPage Users(int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var all = new List<UserEvents>();
        lock (_sync)
            foreach (var (user, events) in _byUser) all.Add(new UserEvents(user, events.Count, events[0].Timestamp));
        all.Sort(static (a, b) => a.Events != b.Events ? b.Events.CompareTo(a.Events) : string.CompareOrdinal(a.Id, b.Id));
        int from = Math.Min(offset, all.Count);
        return new UserPage(all.GetRange(from, Math.Min(limit, all.Count - from)), all.Count);
    }

    public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => Take(_byItem, itemId, max);

    private IReadOnlyList<Interaction> Take(Dictionary<string, List<Interaction>> map, string key, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        lock (_sync)
        {
            if (!map.TryGetValue(key, out var list)) return [];
            return list.GetRange(0, Math.Min(max, list.Count));
        }
    }

    /// <summary>Inserts keeping newest first (events usually arrive in order, so this is an append at the front); returns the change in the list's length.</summary>
    private static int Insert(Dictionary<string, List<Interaction>> map, string key, Interaction interaction)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = new List<Interaction>();
        int at = 0;
        while (at < list.Count && list[at].Timestamp > interaction.Timestamp) at++;
        if (at == MaxPerKey) return 0; // older than everything kept
        list.Insert(at, interaction);
        if (list.Count <= MaxPerKey) return 1;
        list.RemoveAt(list.Count - 1);
        return 0;
    }
}
