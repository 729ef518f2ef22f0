namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>
/// The quality part of the DPP kernel <c>L = Diag(r) S Diag(r)</c> with Chen, Zhang &amp; Zhou's (2018) relevance/diversity
/// trade-off: maximising <c>theta * sum rel + (1 - theta) * log det S_Y</c> is maximising <c>log det L_Y</c> with
/// <c>r_i = exp(alpha * rel_i)</c>, <c>alpha = theta / (2 (1 - theta))</c>.
/// </summary>
internal static class DppKernel
{
    /// <summary>Implemented as <c>theta / (2 (1 - theta))</c>.</summary>
    public static double Alpha(double theta)
    {
        if (!(theta >= 0 && theta < 1)) throw new ArgumentOutOfRangeException(nameof(theta), theta, "must be at least 0 and below 1");
        return theta / (2 * (1 - theta));
    }

    /// <summary>
    /// Implemented as <c>r_i = exp(alpha * (rel_i - max rel))</c>: the constant factor <c>exp(-alpha max rel)</c> scales every
    /// determinant of a given size alike, so the greedy picks are those of <c>exp(alpha rel_i)</c>, but nothing overflows and
    /// the most relevant item has <c>L_ii = 1</c>, which makes the stopping epsilon relative to it.
    /// </summary>
    public static double[] Quality(ReadOnlySpan<double> relevance, double theta)
    {
        double alpha = Alpha(theta);
        double max = double.NegativeInfinity;
        foreach (double r in relevance) max = Math.Max(max, r);
        var quality = new double[relevance.Length];
        for (int i = 0; i < quality.Length; i++) quality[i] = Math.Exp(alpha * (relevance[i] - max));
        return quality;
    }
}
