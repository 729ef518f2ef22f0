namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>How different the items of one list are from each other.</summary>
public static class ListDiversity
{
    /// <summary>
    /// Intra-list diversity (Ziegler et al. 2005, as a distance): implemented as the mean over the pairs <c>i &lt; j</c> of the
    /// top <paramref name="k"/> of <c>1 - similarity(i, j)</c>. NaN for a list with fewer than two items (no pair to judge).
    /// </summary>
    public static double IntraList(IReadOnlyList<string> ranked, int k, Func<string, string, double> similarity)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(similarity);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int n = Math.Min(k, ranked.Count);
        if (n < 2) return double.NaN;
        double sum = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) sum += 1 - similarity(ranked[i], ranked[j]);
        return sum / (n * (n - 1) / 2.0);
    }

    /// <summary>Implemented as <c>|a ∩ b| / |a ∪ b|</c>; 0 when either set is empty (an item without the attribute is like no other).</summary>
    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count == 0 || b.Count == 0) return 0;
        int shared = 0;
        foreach (string value in a.Count <= b.Count ? a : b)
            if ((a.Count <= b.Count ? b : a).Contains(value)) shared++;
        return (double)shared / (a.Count + b.Count - shared);
    }
}
