namespace LuceneReco.Host.Bench;

/// <summary>Percentiles of measured times, computed as the Lucene anchor computes them.</summary>
internal static class Percentiles
{
    /// <summary>The nearest-rank percentile of ascending <paramref name="sorted"/>: the value at rank <c>ceil(p / 100 * n)</c> (counted from 1).</summary>
    /// <exception cref="ArgumentException"><paramref name="sorted"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in (0, 100].</exception>
    public static double NearestRank(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        if (!(p is > 0 and <= 100)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be above 0 and at most 100");
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
