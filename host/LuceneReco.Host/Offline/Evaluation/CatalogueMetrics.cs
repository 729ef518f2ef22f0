namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>Metrics over all users' recommendation lists together.</summary>
public static class CatalogueMetrics
{
    /// <summary>Implemented as <c>|distinct items recommended| / catalogueSize</c>.</summary>
    public static double Coverage(IEnumerable<IReadOnlyList<string>> lists, int catalogueSize)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentOutOfRangeException.ThrowIfLessThan(catalogueSize, 1);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (IReadOnlyList<string> list in lists)
            foreach (string item in list) distinct.Add(item);
        return (double)distinct.Count / catalogueSize;
    }

    /// <summary>
    /// Implemented as the mean over every recommended item of <c>-log2(p_i)</c>, <c>p_i = usersOf(i) / users</c> (the
    /// share of training users who interacted with i); items no training user touched are left out. Higher is more novel.
    /// </summary>
    public static double Novelty(IEnumerable<IReadOnlyList<string>> lists, IReadOnlyDictionary<string, int> usersOfItem, int users)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(usersOfItem);
        ArgumentOutOfRangeException.ThrowIfLessThan(users, 1);
        double sum = 0;
        long count = 0;
        foreach (IReadOnlyList<string> list in lists)
            foreach (string item in list)
                if (usersOfItem.TryGetValue(item, out int n) && n > 0)
                {
                    sum += -Math.Log2((double)n / users);
                    count++;
                }
        return count == 0 ? 0 : sum / count;
    }
}
