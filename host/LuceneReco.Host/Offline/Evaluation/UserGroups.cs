namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>Consumer-side fairness: whether some groups of users are served worse than others.</summary>
public static class UserGroups
{
    /// <summary>The group of light users (training history below the median length).</summary>
    public const string Light = "light";

    /// <summary>The group of heavy users (training history at or above the median length).</summary>
    public const string Heavy = "heavy";

    /// <summary>
    /// Splits users by activity: <see cref="Light"/> when their history is shorter than the median history length (of the
    /// users given; the upper median for an even count), else <see cref="Heavy"/>. Aligned with <paramref name="historyLengths"/>.
    /// </summary>
    public static string[] ByActivity(IReadOnlyList<int> historyLengths)
    {
        ArgumentNullException.ThrowIfNull(historyLengths);
        var sorted = new List<int>(historyLengths);
        sorted.Sort();
        var groups = new string[historyLengths.Count];
        if (sorted.Count == 0) return groups;
        int median = sorted[sorted.Count / 2];
        for (int u = 0; u < groups.Length; u++) groups[u] = historyLengths[u] < median ? Light : Heavy;
        return groups;
    }

    /// <summary>
    /// The mean of <paramref name="values"/> per group (users aligned with <paramref name="groups"/>; a null group leaves the user
    /// out) and the gap: implemented as <c>max - min</c> of the group means. NaN with fewer than two groups.
    /// </summary>
    public static (double Gap, SortedDictionary<string, double> Means) Gap(IReadOnlyList<double> values, IReadOnlyList<string?> groups)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(groups);
        if (values.Count != groups.Count) throw new ArgumentOutOfRangeException(nameof(groups), groups.Count, $"must have one group per value ({values.Count})");
        var sum = new Dictionary<string, double>(StringComparer.Ordinal);
        var count = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int u = 0; u < values.Count; u++)
        {
            if (groups[u] is not { } g) continue;
            sum[g] = sum.GetValueOrDefault(g) + values[u];
            count[g] = count.GetValueOrDefault(g) + 1;
        }
        var means = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach ((string g, double s) in sum) means[g] = s / count[g];
        if (means.Count < 2) return (double.NaN, means);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double m in means.Values) { min = Math.Min(min, m); max = Math.Max(max, m); }
        return (max - min, means);
    }
}
