using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>The baseline every recommender must beat: the items most users interacted with, the same list for everyone (ties by id).</summary>
public sealed class PopularityRecommender
{
    private readonly List<string> _ranked;

    /// <summary>Counts distinct users per item in <paramref name="events"/>.</summary>
    public PopularityRecommender(IEnumerable<Interaction> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var users = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (Interaction e in events)
        {
            if (!users.TryGetValue(e.ItemId, out HashSet<string>? set)) users.Add(e.ItemId, set = new HashSet<string>(StringComparer.Ordinal));
            set.Add(e.UserId);
        }
        _ranked = new List<string>(users.Keys);
        _ranked.Sort((a, b) => users[a].Count != users[b].Count ? users[b].Count.CompareTo(users[a].Count) : string.CompareOrdinal(a, b));
    }

    /// <summary>The k most popular items, leaving out <paramref name="exclude"/>.</summary>
    public List<string> Recommend(IReadOnlySet<string>? exclude, int k)
    {
        var result = new List<string>(k);
        foreach (string item in _ranked)
        {
            if (result.Count == k) break;
            if (exclude is null || !exclude.Contains(item)) result.Add(item);
        }
        return result;
    }
}
