namespace LuceneReco.Rankers.Fairness.Calibration;

/// <summary>
/// Steck's calibrated greedy selection (RecSys 2018, "Calibrated recommendations"): grow the list one item at a time, each
/// time taking the candidate that maximises <c>(1 - lambda) * sum of relevance - lambda * KL(p || q~)</c>, where p is the
/// user's category distribution, q the list's (each categorised item spreading weight 1 over its categories, uncategorised
/// items adding none) and <c>q~ = (1 - a) q + a p</c>; ties go to the earlier candidate. Only categories of p enter the
/// divergence. Per step the terms of every category at the next list size are computed once; a candidate then only
/// changes the terms of its own categories, so a step costs O(|p| + candidates x their categories) logarithms.
/// </summary>
internal static class CalibratedSelection
{
    /// <summary>
    /// The new order (indices into the incoming list): k picks, then the rest in incoming order. Candidate c's weights on
    /// the categories of <paramref name="p"/> are <paramref name="category"/>/<paramref name="weight"/>[start[c]..start[c+1]);
    /// <paramref name="categorised"/> says whether it has any category at all. <paramref name="klAfter"/>[i] receives the
    /// divergence once position i is filled.
    /// </summary>
    public static int[] Select(ReadOnlySpan<double> relevance, ReadOnlySpan<double> p, ReadOnlySpan<int> start, ReadOnlySpan<int> category,
        ReadOnlySpan<double> weight, ReadOnlySpan<bool> categorised, int k, double lambda, double a, Span<double> klAfter)
    {
        int n = relevance.Length, g = p.Length;
        if (start.Length != n + 1) throw new ArgumentOutOfRangeException(nameof(start), start.Length, $"start must hold {n + 1} offsets");
        if (k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be 0 to {n}");
        var sums = new double[g];
        var grown = new double[g]; // the term of each category when the list grows by a categorised item adding nothing to it
        double count = 0;
        var used = new bool[n];
        var order = new int[n];
        for (int i = 0; i < k; i++)
        {
            double same = 0, grownTotal = 0; // KL if the list gains an uncategorised item / a categorised one adding to no category of p
            for (int j = 0; j < g; j++)
            {
                same += Term(p[j], sums[j], count, a);
                grownTotal += grown[j] = Term(p[j], sums[j], count + 1, a);
            }
            int best = -1;
            double bestValue = double.NegativeInfinity, bestKl = 0;
            for (int c = 0; c < n; c++)
            {
                if (used[c]) continue;
                double kl = same;
                if (categorised[c])
                {
                    kl = grownTotal;
                    for (int e = start[c]; e < start[c + 1]; e++)
                    {
                        int j = category[e];
                        kl += Term(p[j], sums[j] + weight[e], count + 1, a) - grown[j];
                    }
                }
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
            for (int e = start[best]; e < start[best + 1]; e++) sums[category[e]] += weight[e];
            if (categorised[best]) count++;
        }
        int next = k;
        for (int c = 0; c < n; c++)
            if (!used[c]) order[next++] = c;
        return order;
    }

    /// <summary>One category's part of <c>KL(p || q~)</c>: <c>p ln(p / ((1 - a) q + a p))</c> with <c>q = mass / count</c> (0 for an empty list).</summary>
    public static double Term(double p, double mass, double count, double a)
    {
        double q = count > 0 ? mass / count : 0;
        return p * Math.Log(p / ((1 - a) * q + a * p));
    }
}
