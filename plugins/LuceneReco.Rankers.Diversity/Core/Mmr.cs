namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>
/// Maximal marginal relevance (Carbonell &amp; Goldstein 1998): repeatedly picks the candidate maximising
/// <c>lambda * rel(i) - (1 - lambda) * max_{j picked} sim(i, j)</c>. Each candidate's max-similarity is cached and, after
/// each pick, updated with one similarity to the new pick, so choosing k of n costs k rows of similarities, O(k n),
/// and never an n x n matrix. Ties go to the lower index (the earlier position).
/// </summary>
internal static class Mmr
{
    /// <summary>Picks <c>min(k, n)</c> of the n candidates.</summary>
    /// <param name="relevance">Per candidate, finite (the stage normalises it to [0, 1]).</param>
    /// <param name="similarity">Over the same candidates.</param>
    /// <param name="lambda">In [0, 1]: 1 is relevance order, 0 is diversity alone.</param>
    /// <param name="k">How many to pick, at least 0.</param>
    /// <param name="cancellation">Checked every few picks.</param>
    public static MmrResult Select(ReadOnlySpan<double> relevance, ISimilarity similarity, double lambda, int k, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        int n = relevance.Length;
        if (similarity.Count != n) throw new ArgumentOutOfRangeException(nameof(similarity), similarity.Count, $"must cover the {n} candidates");
        if (!(lambda >= 0 && lambda <= 1)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "must be between 0 and 1");
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        k = Math.Min(k, n);

        var order = new int[k];
        var objective = new double[k];
        var maxSim = new double[n];
        var closest = new int[n];
        Array.Fill(closest, -1);
        var remaining = new int[n];
        for (int i = 0; i < n; i++) remaining[i] = i;
        var row = new double[n];
        int left = n;
        double diversity = 1 - lambda;

        for (int step = 0; step < k; step++)
        {
            if ((step & 15) == 0) cancellation.ThrowIfCancellationRequested();
            int best = -1, bestSlot = -1;
            double bestScore = double.NegativeInfinity;
            for (int s = 0; s < left; s++)
            {
                int i = remaining[s];
                double score = lambda * relevance[i] - diversity * maxSim[i];
                if (score > bestScore || (score == bestScore && i < best))
                {
                    best = i;
                    bestSlot = s;
                    bestScore = score;
                }
            }
            order[step] = best;
            objective[step] = bestScore;
            remaining[bestSlot] = remaining[--left];
            if (left == 0) break;

            // The incremental cache: one similarity per remaining candidate, to the new pick.
            Span<int> rest = remaining.AsSpan(0, left);
            similarity.Row(best, rest, row.AsSpan(0, left));
            for (int s = 0; s < left; s++)
            {
                int i = rest[s];
                if (row[s] > maxSim[i])
                {
                    maxSim[i] = row[s];
                    closest[i] = best;
                }
            }
        }
        return new MmrResult(order, objective, maxSim, closest);
    }
}
