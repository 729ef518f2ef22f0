using LuceneReco.Rankers.Collaborative.Data;

namespace LuceneReco.Rankers.Collaborative.Common;

/// <summary>A history mapped onto a model's item numbering: items the model does not know are left out, duplicates are summed.</summary>
internal sealed class ResolvedHistory
{
    private ResolvedHistory(int[] items, float[] weights, int count)
    {
        Items = items;
        Weights = weights;
        Count = count;
    }

    /// <summary>Model item indices, parallel to <see cref="Weights"/>.</summary>
    public int[] Items { get; }

    /// <summary>Strengths.</summary>
    public float[] Weights { get; }

    /// <summary>How many entries are used.</summary>
    public int Count { get; }

    public static ResolvedHistory Resolve(IReadOnlyList<WeightedItem> history, IdMap items)
    {
        ArgumentNullException.ThrowIfNull(history);
        var index = new int[history.Count];
        var weight = new float[history.Count];
        var slot = new Dictionary<int, int>(history.Count);
        int n = 0;
        for (int h = 0; h < history.Count; h++)
        {
            int i = items.IndexOf(history[h].ItemId);
            if (i < 0 || !(history[h].Weight > 0)) continue;
            if (slot.TryGetValue(i, out int s))
            {
                weight[s] += (float)history[h].Weight;
                continue;
            }
            slot.Add(i, n);
            index[n] = i;
            weight[n++] = (float)history[h].Weight;
        }
        return new ResolvedHistory(index, weight, n);
    }

    /// <summary>Marks the history items in a set, for "exclude seen".</summary>
    public HashSet<int> ToSet()
    {
        var set = new HashSet<int>(Count);
        for (int h = 0; h < Count; h++) set.Add(Items[h]);
        return set;
    }
}
