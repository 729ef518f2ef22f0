using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline;

/// <summary>
/// A fixed set of events served as an <see cref="IInteractionReader"/> (the training part of an offline run):
/// each user's and item's events newest first (equal timestamps: later in the input first). Immutable, thread-safe.
/// </summary>
internal sealed class FixedInteractions : IInteractionReader
{
    private readonly Dictionary<string, Interaction[]> _byUser;
    private readonly Dictionary<string, Interaction[]> _byItem;

    public FixedInteractions(IEnumerable<Interaction> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var users = new Dictionary<string, List<Interaction>>(StringComparer.Ordinal);
        var items = new Dictionary<string, List<Interaction>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            Add(users, e.UserId, e);
            Add(items, e.ItemId, e);
        }
        _byUser = NewestFirst(users);
        _byItem = NewestFirst(items);
    }

    /// <summary>The users with at least one event.</summary>
    public IEnumerable<string> Users => _byUser.Keys;

    public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) => Take(_byUser, userId, max);

    public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => Take(_byItem, itemId, max);

    private static IReadOnlyList<Interaction> Take(Dictionary<string, Interaction[]> map, string key, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (!map.TryGetValue(key, out var events)) return [];
        return events.Length <= max ? events : new ArraySegment<Interaction>(events, 0, max);
    }

    private static void Add(Dictionary<string, List<Interaction>> map, string key, Interaction e)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(e);
    }

    private static Dictionary<string, Interaction[]> NewestFirst(Dictionary<string, List<Interaction>> map)
    {
        var result = new Dictionary<string, Interaction[]>(map.Count, StringComparer.Ordinal);
        foreach (var (key, list) in map)
        {
            var array = list.ToArray();
            var order = new int[array.Length];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            Array.Sort(order, (a, b) => array[a].Timestamp != array[b].Timestamp ? array[b].Timestamp.CompareTo(array[a].Timestamp) : b.CompareTo(a));
            var sorted = new Interaction[array.Length];
            for (int i = 0; i < order.Length; i++) sorted[i] = array[order[i]];
            result[key] = sorted;
        }
        return result;
    }
}
