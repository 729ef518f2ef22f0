namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>Calibration (Steck, RecSys 2018): how far a list's mix of categories is from the mix of the user's history.</summary>
public static class CalibrationMetrics
{
    /// <summary>
    /// The category distribution of <paramref name="items"/>: implemented as <c>p(g) = sum over items i of w_i p(g|i) / sum of w_i</c>
    /// with <c>p(g|i) = 1 / |categories of i|</c> and <c>w_i = 1</c>; items without a category are left out. Empty when none has one.
    /// </summary>
    public static Dictionary<string, double> Distribution(IEnumerable<string> items, Func<string, IReadOnlyCollection<string>> categories)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(categories);
        var p = new Dictionary<string, double>(StringComparer.Ordinal);
        int counted = 0;
        foreach (string item in items)
        {
            IReadOnlyCollection<string> of = categories(item);
            if (of.Count == 0) continue;
            counted++;
            foreach (string g in of) p[g] = p.GetValueOrDefault(g) + 1.0 / of.Count;
        }
        foreach (string g in p.Keys) p[g] /= counted;
        return p;
    }

    /// <summary>
    /// Implemented as <c>KL(p || q~) = sum over g with p(g) &gt; 0 of p(g) log(p(g) / q~(g))</c>, <c>q~ = (1 - alpha) q + alpha p</c>
    /// (Steck's smoothing, so a category missing from the list costs a finite amount); natural log. <paramref name="p"/> is the
    /// history's distribution, <paramref name="q"/> the list's. NaN when <paramref name="p"/> is empty.
    /// </summary>
    public static double KlDivergence(IReadOnlyDictionary<string, double> p, IReadOnlyDictionary<string, double> q, double alpha = 0.01)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (!(alpha is > 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be above 0 and at most 1");
        if (p.Count == 0) return double.NaN;
        double kl = 0;
        foreach ((string g, double pg) in p)
        {
            if (pg <= 0) continue;
            double smoothed = (1 - alpha) * q.GetValueOrDefault(g) + alpha * pg;
            kl += pg * Math.Log(pg / smoothed);
        }
        return kl;
    }
}
