namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>How the attention of all users' lists is spread over items and over groups of items (provider-side fairness).</summary>
public static class ExposureMetrics
{
    /// <summary>The exposure of rank <paramref name="rank"/> (1-based): implemented as <c>1 / log2(1 + rank)</c>, as the exposure stage counts it.</summary>
    public static double PositionWeight(int rank)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        return 1 / Math.Log2(1 + rank);
    }

    /// <summary>Each item's exposure summed over the top <paramref name="k"/> of every list.</summary>
    public static Dictionary<string, double> ItemExposure(IEnumerable<IReadOnlyList<string>> lists, int k)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var exposure = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (IReadOnlyList<string> list in lists)
            for (int r = 0; r < Math.Min(k, list.Count); r++)
                exposure[list[r]] = exposure.GetValueOrDefault(list[r]) + PositionWeight(r + 1);
        return exposure;
    }

    /// <summary>
    /// The Gini coefficient: implemented as <c>sum over i of (2i - n - 1) x_i / (n sum x)</c> with <c>x</c> ascending and
    /// <c>i</c> from 1: 0 when every value is equal, <c>1 - 1/n</c> when one holds everything. 0 for no values or a zero sum.
    /// </summary>
    public static double Gini(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var x = new List<double>(values);
        foreach (double v in x)
            if (!(v >= 0) || double.IsPositiveInfinity(v)) throw new ArgumentOutOfRangeException(nameof(values), v, "values must be finite and >= 0");
        x.Sort();
        double total = 0, weighted = 0;
        int n = x.Count;
        for (int i = 0; i < n; i++)
        {
            total += x[i];
            weighted += (2.0 * (i + 1) - n - 1) * x[i];
        }
        return n == 0 || total == 0 ? 0 : weighted / (n * total);
    }

    /// <summary>
    /// The Gini of exposure over <paramref name="catalogue"/> (items never shown count with 0), each item's exposure first summed
    /// into its group by <paramref name="groupOf"/> (the item itself for item exposure, its provider for provider exposure).
    /// </summary>
    public static double GroupGini(IReadOnlyDictionary<string, double> itemExposure, IEnumerable<string> catalogue, Func<string, string> groupOf)
    {
        ArgumentNullException.ThrowIfNull(itemExposure);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(groupOf);
        var byGroup = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string item in catalogue)
        {
            string g = groupOf(item);
            byGroup[g] = byGroup.GetValueOrDefault(g) + itemExposure.GetValueOrDefault(item);
        }
        return Gini(byGroup.Values);
    }

    /// <summary>
    /// Each group's mean exposure per catalogue item of the group (groups by <paramref name="groupOf"/> over
    /// <paramref name="catalogue"/>), and the exposure ratio: implemented as <c>min over groups / max over groups</c> of that
    /// mean (1 when every group's items are shown alike, 0 when some group is never shown). NaN with fewer than two groups.
    /// </summary>
    public static (double Ratio, SortedDictionary<string, double> PerItem) GroupRatio(IReadOnlyDictionary<string, double> itemExposure,
        IEnumerable<string> catalogue, Func<string, string> groupOf)
    {
        ArgumentNullException.ThrowIfNull(itemExposure);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(groupOf);
        var sum = new Dictionary<string, double>(StringComparer.Ordinal);
        var count = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string item in catalogue)
        {
            string g = groupOf(item);
            sum[g] = sum.GetValueOrDefault(g) + itemExposure.GetValueOrDefault(item);
            count[g] = count.GetValueOrDefault(g) + 1;
        }
        var perItem = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach ((string g, double s) in sum) perItem[g] = s / count[g];
        if (perItem.Count < 2) return (double.NaN, perItem);
        double min = double.PositiveInfinity, max = 0;
        foreach (double v in perItem.Values) { min = Math.Min(min, v); max = Math.Max(max, v); }
        return (max > 0 ? min / max : double.NaN, perItem);
    }
}
