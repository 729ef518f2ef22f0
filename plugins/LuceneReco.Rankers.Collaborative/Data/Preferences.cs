using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Collaborative.Data;

/// <summary>Turns a user's events into one strength per item, exactly as <see cref="InteractionMatrix.Build"/> does for training.</summary>
public static class Preferences
{
    /// <summary>One <see cref="WeightedItem"/> per item with a positive strength, in order of each item's first event in <paramref name="events"/>.</summary>
    public static List<WeightedItem> FromEvents(IEnumerable<Interaction> events, InteractionMatrixOptions options)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(options);
        var slot = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new List<string>();
        var weights = new List<double>();
        var newest = new List<DateTimeOffset>();
        foreach (Interaction e in events)
        {
            if (slot.TryGetValue(e.ItemId, out int s))
            {
                bool newer = e.Timestamp >= newest[s];
                weights[s] = options.Combine(weights[s], e.Weight, newer);
                if (newer) newest[s] = e.Timestamp;
            }
            else
            {
                slot.Add(e.ItemId, ids.Count);
                ids.Add(e.ItemId);
                weights.Add(e.Weight);
                newest.Add(e.Timestamp);
            }
        }
        var result = new List<WeightedItem>(ids.Count);
        for (int s = 0; s < ids.Count; s++)
        {
            float r = options.Strength(weights[s]);
            if (r > 0) result.Add(new WeightedItem(ids[s], r));
        }
        return result;
    }

    /// <summary>Items given as ids only (e.g. a request's recent items): strength 1 each, duplicates once.</summary>
    public static List<WeightedItem> FromIds(IEnumerable<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<WeightedItem>();
        foreach (string id in itemIds)
            if (seen.Add(id)) result.Add(new WeightedItem(id, 1));
        return result;
    }
}
