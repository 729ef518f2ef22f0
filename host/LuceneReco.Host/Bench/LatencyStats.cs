namespace LuceneReco.Host.Bench;

/// <summary>A summary of measured times in milliseconds: nearest-rank percentiles, the largest and the mean.</summary>
/// <param name="Count">How many times were measured.</param>
internal sealed record LatencyStats(int Count, double P50, double P90, double P99, double Max, double Mean)
{
    /// <summary>The summary of <paramref name="milliseconds"/> (in any order; not changed).</summary>
    /// <exception cref="ArgumentException"><paramref name="milliseconds"/> is empty.</exception>
    public static LatencyStats Of(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0) throw new ArgumentException("no times were measured", nameof(milliseconds));
        var sorted = milliseconds.ToArray();
        Array.Sort(sorted);
        return new LatencyStats(sorted.Length, Percentiles.NearestRank(sorted, 50), Percentiles.NearestRank(sorted, 90),
            Percentiles.NearestRank(sorted, 99), sorted[^1], sorted.Average());
    }
}
