namespace LuceneReco.Rankers.Fairness.Calibration;

/// <summary>
/// Steck's calibrated greedy selection (RecSys 2018, "Calibrated recommendations"): grow the list one item at a time, each
/// time taking the candidate that maximises <c>(1 - lambda) * sum of relevance - lambda * KL(p || q~)</c>, where p is the
/// user's category distribution, q the list's (each categorised item spreading weight 1 over its categories, uncategorised
/// items adding none) and <c>q~ = (1 - a) q + a p</c>. Only categories of p enter the divergence, so each candidate costs
/// O(|p|) per step; ties go to the earlier candidate.
/// </summary>
internal static class CalibratedSelection
{
    /// <summary>
    /// The new order (indices into the incoming list): k picks, then the rest in incoming order. <paramref name="weights"/>
    /// holds, row by row, each candidate's weight on each category of <paramref name="p"/>; <paramref name="categorised"/>
    /// says whether it has any category at all. <paramref name="klAfter"/>[i] receives the divergence after position i.
    /// </summary>
    public static int[] Select(ReadOnlySpan<double> relevance, ReadOnlySpan<double> p, ReadOnlySpan<double> weights, ReadOnlySpan<bool> categorised,
        int k, double lambda, double a, Span<double> klAfter)
    {
        int n = relevance.Length, g = p.Length;
        if (weights.Length != n * g) throw new ArgumentOutOfRangeException(nameof(weights), weights.Length, $"weights must hold {n} x {g} values");
        if (k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be 0 to {n}");
        var sums = new double[g];
        double count = 0;
        var used = new bool[n];
        var order = new int[n];
        for (int i = 0; i < k; i++)
        {
            int best = -1;
            double bestValue = double.NegativeInfinity, bestKl = 0;
            for (int c = 0; c < n; c++)
            {
                if (used[c]) continue;
                double kl = Divergence(p, sums, weights.Slice(c * g, g), categorised[c] ? count + 1 : count, a);
                double value = (1 - lambda) * relevance[c] - lambda * kl;
                if (value > bestValue)
                {
                    bestValue = value;
                    best = c;
                    bestKl = kl;
                }
            }
            used[best] = true;
            order[i] = best;
            klAfter[i] = bestKl;
            ReadOnlySpan<double> w = weights.Slice(best * g, g);
            for (int j = 0; j < g; j++) sums[j] += w[j];
            if (categorised[best]) count++;
        }
        int next = k;
        for (int c = 0; c < n; c++)
            if (!used[c]) order[next++] = c;
        return order;
    }

    /// <summary><c>KL(p || q~) = sum_g p(g) ln(p(g) / ((1 - a) q(g) + a p(g)))</c> with q(g) = (sums + added) / count.</summary>
    public static double Divergence(ReadOnlySpan<double> p, ReadOnlySpan<double> sums, ReadOnlySpan<double> added, double count, double a)
    {
        double kl = 0;
        for (int j = 0; j < p.Length; j++)
        {
            double q = count > 0 ? (sums[j] + added[j]) / count : 0;
            kl += p[j] * Math.Log(p[j] / ((1 - a) * q + a * p[j]));
        }
        return kl;
    }
}
