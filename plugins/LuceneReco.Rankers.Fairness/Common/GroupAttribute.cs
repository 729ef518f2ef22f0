using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Fairness.Common;

/// <summary>
/// Which group an item belongs to, read from the catalogue: either a keyword field whose values are matched (ordinal,
/// ignoring case) against each group's values, the first matching group winning, or a numeric field compared with a
/// threshold (one protected group). An item without the field, or with no matching value, is in group 0, the
/// unprotected group; it never fails.
/// </summary>
internal sealed class GroupAttribute
{
    private readonly string _field;
    private readonly Dictionary<string, int>? _groupOfValue;
    private readonly double _threshold;
    private readonly bool _below;

    private GroupAttribute(string field, Dictionary<string, int>? groupOfValue, double threshold, bool below)
    {
        _field = field;
        _groupOfValue = groupOfValue;
        _threshold = threshold;
        _below = below;
    }

    /// <summary>Keyword groups: <paramref name="valuesOfGroup"/>[g - 1] are the field values that put an item in group g.</summary>
    public static GroupAttribute Keyword(string field, IReadOnlyList<IReadOnlyList<string>> valuesOfGroup)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int g = 0; g < valuesOfGroup.Count; g++)
            foreach (string v in valuesOfGroup[g]) map.TryAdd(v, g + 1);
        return new GroupAttribute(field, map, 0, false);
    }

    /// <summary>One protected group: items whose numeric <paramref name="field"/> is below (or, when not <paramref name="below"/>, at or above) the threshold.</summary>
    public static GroupAttribute Numeric(string field, double threshold, bool below) => new(field, null, threshold, below);

    /// <summary>The item's group: 0 unprotected (also when the attribute is missing), g = 1.. protected.</summary>
    public int GroupOf(IItemCatalog items, string itemId)
    {
        if (_groupOfValue is null)
        {
            if (items.Number(itemId, _field) is not double v || double.IsNaN(v)) return 0;
            return (_below ? v < _threshold : v >= _threshold) ? 1 : 0;
        }
        if (!items.Fields(itemId).TryGetValue(_field, out IReadOnlyList<string>? values)) return 0;
        int best = 0;
        for (int k = 0; k < values.Count; k++)
            if (_groupOfValue.TryGetValue(values[k], out int g) && (best == 0 || g < best)) best = g;
        return best;
    }
}
