using System.Numerics.Tensors;

namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>
/// Greedy MAP inference for a DPP with kernel <c>L = Diag(q) S Diag(q)</c>, as in Chen, Zhang &amp; Zhou, "Fast Greedy MAP
/// Inference for Determinantal Point Process to Improve Recommendation Diversity" (NeurIPS 2018): each step picks the
/// candidate j maximising <c>d_j^2 = det(L_{Y+j}) / det(L_Y)</c>, kept up to date by an incremental Cholesky factor
/// (<c>e_i = (L_ji - c_j . c_i) / d_j</c>, <c>d_i^2 -= e_i^2</c>), O(k^2 n) for k of n. With a window w, each pick is
/// conditioned only on the previous w - 1 picks (their sliding-window variant): the oldest pick leaves the factor by
/// Givens rotations, O(w n) per step. Stops early when the best gain falls below epsilon. Ties go to the lower index.
/// </summary>
internal static class DppGreedy
{
    /// <summary>Picks at most <paramref name="k"/> candidates.</summary>
    /// <param name="quality">Per candidate, finite and at least 0 (see <see cref="DppKernel.Quality"/>).</param>
    /// <param name="similarity">S over the same candidates, positive semi-definite with 1 on the diagonal.</param>
    /// <param name="k">How many to pick, at least 0.</param>
    /// <param name="window">Null for the whole selection, else at least 2.</param>
    /// <param name="epsilon">Stop when the best gain is below this; at least 0.</param>
    /// <param name="cancellation">Checked every few picks.</param>
    public static DppResult Select(ReadOnlySpan<double> quality, ISimilarity similarity, int k, int? window, double epsilon, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        int n = quality.Length;
        if (similarity.Count != n) throw new ArgumentOutOfRangeException(nameof(similarity), similarity.Count, $"must cover the {n} candidates");
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (window is < 2) throw new ArgumentOutOfRangeException(nameof(window), window, "must be at least 2, or null for no window");
        if (!(epsilon >= 0 && double.IsFinite(epsilon))) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "must be a finite number at least 0");
        for (int i = 0; i < n; i++)
            if (!(quality[i] >= 0 && double.IsFinite(quality[i]))) throw new ArgumentOutOfRangeException(nameof(quality), quality[i], $"quality[{i}] must be finite and at least 0");
        k = Math.Min(k, n);

        // Row i of c holds candidate i's Cholesky coefficients against the current window (columns 0..t-1); the rows of
        // the window's own members are the rows of its Cholesky factor V (member p: columns 0..p, d at p).
        int width = window ?? Math.Max(k, 1);
        int capacity = window is int w ? w - 1 : k;
        var c = new double[n * width];
        var d2 = new double[n];
        for (int i = 0; i < n; i++) d2[i] = quality[i] * quality[i];
        var remaining = new int[n];
        for (int i = 0; i < n; i++) remaining[i] = i;
        var order = new List<int>(k);
        var gains = new List<double>(k);
        var maxSim = new double[n];
        var closest = new int[n];
        Array.Fill(closest, -1);
        var row = new double[n];
        var members = new int[width];
        var rotations = new (double Cos, double Sin)[width];
        int left = n, t = 0;

        while (order.Count < k)
        {
            if ((order.Count & 15) == 0) cancellation.ThrowIfCancellationRequested();
            int j = -1, slot = -1;
            double best = double.NegativeInfinity;
            for (int s = 0; s < left; s++)
            {
                int i = remaining[s];
                if (d2[i] > best || (d2[i] == best && i < j)) { j = i; slot = s; best = d2[i]; }
            }
            if (!(best >= epsilon) || best <= 0) break;
            order.Add(j);
            gains.Add(best);
            remaining[slot] = remaining[--left];
            if (left == 0) break;

            double dj = Math.Sqrt(best), qj = quality[j];
            Span<int> rest = remaining.AsSpan(0, left);
            similarity.Row(j, rest, row.AsSpan(0, left));
            ReadOnlySpan<double> cj = c.AsSpan(j * width, t);
            for (int s = 0; s < left; s++)
            {
                int i = rest[s];
                double sim = row[s];
                if (sim > maxSim[i]) { maxSim[i] = sim; closest[i] = j; }
                Span<double> ci = c.AsSpan(i * width, width);
                double e = (qj * sim * quality[i] - TensorPrimitives.Dot(cj, ci[..t])) / dj;
                ci[t] = e;
                d2[i] -= e * e;
            }
            c[j * width + t] = dj;
            members[t++] = j;
            if (t > capacity)
            {
                DropOldest(c, width, members, t, rest, d2, rotations);
                t--;
            }
        }
        return new DppResult(order.ToArray(), gains.ToArray(), maxSim, closest);
    }

    /// <summary>
    /// Removes the oldest window member (column 0) from the factor: Givens rotations of column 0 with column p + 1 zero
    /// column 0 of member p + 1 in turn, leaving the lower-triangular factor of the younger members in columns 1..t-1,
    /// then every row shifts left. A candidate's coefficient rotated out of column 0 goes back into its gain (<c>d_i^2 += z^2</c>),
    /// since the row's length is unchanged by the rotations.
    /// </summary>
    private static void DropOldest(double[] c, int width, int[] members, int t, ReadOnlySpan<int> rest, double[] d2, (double Cos, double Sin)[] rotations)
    {
        for (int p = 0; p < t - 1; p++)
        {
            Span<double> v = c.AsSpan(members[p + 1] * width, width);
            double a = v[0], b = v[p + 1], r = Math.Sqrt(a * a + b * b);
            rotations[p] = r > 0 ? (b / r, a / r) : (1, 0);
            for (int q = p + 1; q < t; q++) Rotate(c.AsSpan(members[q] * width, width), p + 1, rotations[p]);
        }
        foreach (int i in rest)
        {
            Span<double> ci = c.AsSpan(i * width, width);
            for (int p = 0; p < t - 1; p++) Rotate(ci, p + 1, rotations[p]);
            d2[i] += ci[0] * ci[0];
            ShiftLeft(ci);
        }
        for (int q = 1; q < t; q++) ShiftLeft(c.AsSpan(members[q] * width, width));
        Array.Copy(members, 1, members, 0, t - 1);
    }

    private static void Rotate(Span<double> x, int column, (double Cos, double Sin) g)
    {
        double x0 = x[0], xc = x[column];
        x[0] = g.Cos * x0 - g.Sin * xc;
        x[column] = g.Sin * x0 + g.Cos * xc;
    }

    private static void ShiftLeft(Span<double> x)
    {
        x[1..].CopyTo(x);
        x[^1] = 0;
    }
}
