namespace LuceneReco.Host.Shadows;

/// <summary>How a shadow pipeline's list compares with the list served for the same request (docs/experiments.md, Shadow pipelines).</summary>
internal static class ShadowComparison
{
    /// <summary>
    /// The share of the served list's items that the shadow's list of the same length also has (overlap at k, 0 to 1);
    /// 1 when both are empty, 0 when only one is.
    /// </summary>
    public static double Overlap(IReadOnlyList<string> served, IReadOnlyList<string> shadow)
    {
        if (served.Count == 0) return shadow.Count == 0 ? 1 : 0;
        var top = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < shadow.Count && i < served.Count; i++) top.Add(shadow[i]);
        int shared = 0;
        foreach (string id in served)
            if (top.Contains(id)) shared++;
        return (double)shared / served.Count;
    }

    /// <summary>
    /// Kendall's tau between the two lists' orders of the items both have: (concordant - discordant) / pairs, from -1 (reversed)
    /// to 1 (same order); null when fewer than two items are shared (no pair to compare). Lists hold no ties.
    /// </summary>
    public static double? KendallTau(IReadOnlyList<string> served, IReadOnlyList<string> shadow)
    {
        var rank = new Dictionary<string, int>(shadow.Count, StringComparer.Ordinal);
        for (int i = 0; i < shadow.Count; i++) rank.TryAdd(shadow[i], i);
        var order = new List<int>(served.Count); // the shadow's ranks of the shared items, in the served order
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in served)
            if (seen.Add(id) && rank.TryGetValue(id, out int r)) order.Add(r);
        if (order.Count < 2) return null;
        long concordant = 0, discordant = 0;
        for (int i = 0; i < order.Count; i++)
            for (int j = i + 1; j < order.Count; j++)
                if (order[i] < order[j]) concordant++;
                else discordant++;
        return (double)(concordant - discordant) / (concordant + discordant);
    }
}
