using System.Buffers;
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
/// <remarks>
/// The candidates not yet picked live in slots 0..left-1 (a pick's slot is filled by the last one), and the
/// coefficients are stored by column (<c>columns[t][slot]</c>), so each update is a few vector operations over the
/// remaining candidates. The window members' own rows, the Cholesky factor V of the window, are kept apart.
/// </remarks>
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

        int width = window ?? Math.Max(k, 1);
        int capacity = window is int w ? w - 1 : k;
        // One pooled block for all columns (k x n doubles would otherwise be most of what a request allocates); no column
        // is read before it is written, so it needs no clearing.
        double[] block = ArrayPool<double>.Shared.Rent(width * n);
        var columns = new ArraySegment<double>[width];
        for (int c = 0; c < width; c++) columns[c] = new ArraySegment<double>(block, c * n, n);
        var v = new double[width * width]; // row p: window member p's coefficients, d at column p
        var slotItem = new int[n];
        var d2 = new double[n];
        var q = new double[n];
        for (int i = 0; i < n; i++)
        {
            slotItem[i] = i;
            q[i] = quality[i];
            d2[i] = q[i] * q[i];
        }
        var order = new List<int>(k);
        var gains = new List<double>(k);
        var maxSim = new double[n];
        var closest = new int[n];
        Array.Fill(closest, -1);
        var row = new double[n];
        var scratch = new double[n];
        int left = n, t = 0;

        while (order.Count < k)
        {
            if ((order.Count & 15) == 0) cancellation.ThrowIfCancellationRequested();
            int slot = -1;
            double best = double.NegativeInfinity;
            for (int s = 0; s < left; s++)
                if (d2[s] > best || (d2[s] == best && slot >= 0 && slotItem[s] < slotItem[slot])) { slot = s; best = d2[s]; }
            if (!(best >= epsilon) || best <= 0) break;
            int j = slotItem[slot];
            double dj = Math.Sqrt(best), qj = q[slot];
            order.Add(j);
            gains.Add(best);
            Span<double> vj = v.AsSpan(t * width, width);
            vj.Clear();
            for (int c = 0; c < t; c++) vj[c] = columns[c][slot];
            vj[t] = dj;

            // The last slot fills the pick's.
            int last = --left;
            slotItem[slot] = slotItem[last];
            d2[slot] = d2[last];
            q[slot] = q[last];
            for (int c = 0; c < t; c++) columns[c][slot] = columns[c][last];
            if (left == 0) break;

            Span<double> sim = row.AsSpan(0, left), acc = scratch.AsSpan(0, left);
            similarity.Row(j, slotItem.AsSpan(0, left), sim);
            for (int s = 0; s < left; s++)
            {
                int i = slotItem[s];
                if (sim[s] > maxSim[i]) { maxSim[i] = sim[s]; closest[i] = j; }
            }
            // e = (qj * S_j. * q - sum_c V[j][c] * column c) / dj, then d^2 -= e^2.
            TensorPrimitives.Multiply(sim, q.AsSpan(0, left), acc);
            TensorPrimitives.Multiply(acc, qj, acc);
            for (int c = 0; c < t; c++) TensorPrimitives.MultiplyAdd(columns[c].AsSpan(0, left), -vj[c], acc, acc);
            Span<double> e = columns[t].AsSpan(0, left);
            TensorPrimitives.Multiply(acc, 1 / dj, e);
            TensorPrimitives.Multiply(e, e, acc);
            TensorPrimitives.Subtract(d2.AsSpan(0, left), acc, d2.AsSpan(0, left));
            t++;
            if (t > capacity)
            {
                DropOldest(columns, v, width, t, left, d2, scratch);
                t--;
            }
        }
        ArrayPool<double>.Shared.Return(block);
        return new DppResult(order.ToArray(), gains.ToArray(), maxSim, closest);
    }

    /// <summary>
    /// Removes the oldest window member (column 0) from the factor: Givens rotations of column 0 with column p + 1 zero
    /// V[p + 1][0] in turn, leaving the lower-triangular factor of the younger members in columns 1..t-1; every candidate's
    /// coefficients get the same rotations, and what is rotated out of column 0 goes back into its gain
    /// (<c>d^2 += z^2</c>: rotations keep the length of its coefficients). Then everything shifts one column left.
    /// </summary>
    private static void DropOldest(ArraySegment<double>[] columns, double[] v, int width, int t, int left, double[] d2, double[] scratch)
    {
        Span<double> x0 = columns[0].AsSpan(0, left), tmp = scratch.AsSpan(0, left);
        for (int p = 0; p < t - 1; p++)
        {
            Span<double> member = v.AsSpan((p + 1) * width, width);
            double a = member[0], b = member[p + 1], r = Math.Sqrt(a * a + b * b);
            if (r == 0) continue;
            double cos = b / r, sin = a / r;
            for (int m = p + 1; m < t; m++)
            {
                Span<double> vm = v.AsSpan(m * width, width);
                (vm[0], vm[p + 1]) = (cos * vm[0] - sin * vm[p + 1], sin * vm[0] + cos * vm[p + 1]);
            }
            Span<double> xp = columns[p + 1].AsSpan(0, left);
            x0.CopyTo(tmp);
            TensorPrimitives.Multiply(x0, cos, x0);
            TensorPrimitives.MultiplyAdd(xp, -sin, x0, x0);  // x0' = cos x0 - sin xp
            TensorPrimitives.Multiply(xp, cos, xp);
            TensorPrimitives.MultiplyAdd(tmp, sin, xp, xp);  // xp' = sin x0 + cos xp
        }
        TensorPrimitives.Multiply(x0, x0, tmp);
        TensorPrimitives.Add(d2.AsSpan(0, left), tmp, d2.AsSpan(0, left));

        ArraySegment<double> oldest = columns[0];
        Array.Copy(columns, 1, columns, 0, width - 1);
        columns[width - 1] = oldest; // written before it is read again
        for (int m = 1; m < t; m++)
        {
            Span<double> from = v.AsSpan(m * width, width), to = v.AsSpan((m - 1) * width, width);
            from[1..].CopyTo(to);
            to[^1] = 0;
        }
    }
}
