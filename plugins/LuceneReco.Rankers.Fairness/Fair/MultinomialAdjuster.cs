namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>
/// The exact multiple-testing adjustment for several protected groups (the multinomial case of Zehlike et al. 2022). A fair
/// ranking draws each position's group independently: group g with its share p_g, unprotected with <c>1 - sum p_g</c>. Each
/// group keeps its own binomial table <c>m_g(i) = #{m &lt; i : BinomCDF(m; i, p_g) &lt; alpha'}</c> at one common alpha', and
/// the adjusted alpha' is the largest whose tables such a ranking fails (some prefix i, some group below m_g(i)) with
/// probability at most alpha. As for one group (<see cref="MTableAdjuster"/>), the tables change only where alpha' passes a
/// CDF value of some group, they grow with alpha' and so does the fail probability: a bisection over the union of the
/// groups' breakpoints, each try costed by the exact dynamic programme over the vector of protected counts
/// (<see cref="FailProbability"/>). The union bound alpha / G is safe but stricter than this.
/// </summary>
public static class MultinomialAdjuster
{
    /// <summary>The most count vectors the programme holds, <c>(k + 1)^G</c> (two arrays of doubles this long).</summary>
    public const int MaxCells = 1 << 22;

    /// <summary>Whether k positions and <paramref name="groups"/> groups fit in <see cref="MaxCells"/>.</summary>
    public static bool Fits(int k, int groups) => k >= 1 && groups >= 1 && Math.Pow(k + 1, groups) <= MaxCells;

    /// <summary>The adjusted tables for a family-wise <paramref name="alpha"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// k outside 1..<see cref="MTableAdjuster.MaxK"/>, a share outside (0, 1), shares adding up to more than 1, alpha outside
    /// (0, 1), or <c>(k + 1)^G</c> above <see cref="MaxCells"/>.
    /// </exception>
    public static MultinomialAdjustment Adjust(int k, IReadOnlyList<double> shares, double alpha)
    {
        ArgumentNullException.ThrowIfNull(shares);
        CheckShares(shares);
        foreach (double p in shares) MTable.Check(k, p, alpha, MTableAdjuster.MaxK);
        int groups = shares.Count;
        if (!Fits(k, groups)) throw new ArgumentOutOfRangeException(nameof(k), k, $"(k + 1)^groups must be at most {MaxCells} for the exact adjustment ({groups} groups)");

        var rows = new double[groups][][];
        var breakpoints = new List<double>(groups * k * (k + 1) / 2);
        for (int g = 0; g < groups; g++)
        {
            rows[g] = new double[k][];
            var cdf = new BinomialCdf(k, shares[g]);
            for (int i = 1; i <= k; i++)
            {
                cdf.Advance();
                rows[g][i - 1] = new double[i];
                cdf.CumulativeBelowTop(rows[g][i - 1]);
                foreach (double v in rows[g][i - 1])
                    if (v > 0 && v < 1) breakpoints.Add(v);
            }
        }
        breakpoints.Sort();
        int distinct = 0;
        for (int j = 0; j < breakpoints.Count; j++)
            if (distinct == 0 || breakpoints[j] != breakpoints[distinct - 1]) breakpoints[distinct++] = breakpoints[j];

        int[][] TablesAt(double alphaPrime)
        {
            var minimums = new int[groups][];
            for (int g = 0; g < groups; g++) minimums[g] = MTableAdjuster.TableAt(rows[g], alphaPrime, new int[k]);
            return minimums;
        }
        double FailAt(int j) => FailProbability(TablesAt(breakpoints[j]), shares);

        // As in MTableAdjuster: lo passes (lo = -1: below every breakpoint, all-zero tables), hi fails.
        int lo = -1, hi = distinct;
        while (hi - lo > 1)
        {
            int mid = lo + (hi - lo) / 2;
            if (FailAt(mid) <= alpha) lo = mid;
            else hi = mid;
        }
        while (lo + 1 < distinct && FailAt(lo + 1) <= alpha) lo++;
        lo = Math.Max(lo, 0);

        double adjusted = breakpoints[lo];
        int[][] chosen = TablesAt(adjusted);
        var tables = new MTable[groups];
        for (int g = 0; g < groups; g++) tables[g] = MTable.FromMinimums(shares[g], adjusted, chosen[g]);
        double? next = lo + 1 < distinct ? FailAt(lo + 1) : null;
        return new MultinomialAdjustment(alpha, tables, FailProbability(chosen, shares), next);
    }

    /// <summary>
    /// <c>P(some prefix i has some group g with fewer than m_g(i) of its items)</c> when each position's group is drawn from the
    /// shares (and unprotected with the rest). The programme keeps the probability of each vector of protected counts among
    /// rankings that met every prefix so far, over the vectors with <c>sum c_g &lt;= i</c> and each <c>c_g</c> at least what
    /// every surviving ranking already has; the mass that drops below a minimum is added up as it drops (not 1 - survival).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Tables of different lengths or not one per share, bad shares, or too many cells.</exception>
    public static double FailProbability(IReadOnlyList<int[]> minimums, IReadOnlyList<double> shares)
    {
        ArgumentNullException.ThrowIfNull(minimums);
        ArgumentNullException.ThrowIfNull(shares);
        CheckShares(shares);
        int groups = shares.Count;
        if (minimums.Count != groups) throw new ArgumentOutOfRangeException(nameof(minimums), minimums.Count, $"one table per share ({groups})");
        int k = minimums[0].Length;
        foreach (int[] m in minimums)
            if (m.Length != k) throw new ArgumentOutOfRangeException(nameof(minimums), m.Length, $"every table must cover {k} prefixes");
        if (!Fits(k, groups)) throw new ArgumentOutOfRangeException(nameof(minimums), k, $"(k + 1)^groups must be at most {MaxCells}");

        var stride = new int[groups];
        int cells = 1;
        for (int g = 0; g < groups; g++) { stride[g] = cells; cells *= k + 1; }
        double rest = 1;
        foreach (double p in shares) rest -= p;
        rest = Math.Max(0, rest);
        var alive = new double[cells];
        var next = new double[cells];
        alive[0] = 1;
        var low = new int[groups];
        var need = new int[groups];
        var c = new int[groups];
        double failed = 0;
        for (int i = 1; i <= k; i++)
        {
            for (int g = 0; g < groups; g++) need[g] = minimums[g][i - 1];
            // Clear the cells prefix i can reach, then move the mass of prefix i - 1 one position on.
            for (int idx = First(i, low, stride, c); idx >= 0; idx = Next(i, low, stride, c, idx)) next[idx] = 0;
            for (int idx = First(i - 1, low, stride, c); idx >= 0; idx = Next(i - 1, low, stride, c, idx))
            {
                double mass = alive[idx];
                if (mass == 0) continue;
                next[idx] += mass * rest;
                for (int g = 0; g < groups; g++) next[idx + stride[g]] += mass * shares[g];
            }
            for (int idx = First(i, low, stride, c); idx >= 0; idx = Next(i, low, stride, c, idx))
            {
                for (int g = 0; g < groups; g++)
                    if (c[g] < need[g])
                    {
                        failed += next[idx];
                        next[idx] = 0;
                        break;
                    }
            }
            for (int g = 0; g < groups; g++) low[g] = Math.Max(low[g], Math.Min(need[g], i));
            (alive, next) = (next, alive);
        }
        return Math.Min(1, failed);
    }

    /// <summary>Starts <paramref name="c"/> at the first vector with <c>c_g &gt;= low_g</c> and <c>sum c_g &lt;= n</c>; its cell, or -1 when there is none.</summary>
    private static int First(int n, int[] low, int[] stride, int[] c)
    {
        int sum = 0, idx = 0;
        for (int g = 0; g < c.Length; g++)
        {
            c[g] = low[g];
            sum += low[g];
            idx += low[g] * stride[g];
        }
        return sum <= n ? idx : -1;
    }

    /// <summary>The next such vector after <paramref name="c"/> (an odometer, the first count fastest); its cell, or -1 after the last.</summary>
    private static int Next(int n, int[] low, int[] stride, int[] c, int idx)
    {
        int sum = 0;
        foreach (int v in c) sum += v;
        for (int g = 0; g < c.Length; g++)
        {
            if (sum < n)
            {
                c[g]++;
                return idx + stride[g];
            }
            sum -= c[g] - low[g];
            idx -= (c[g] - low[g]) * stride[g];
            c[g] = low[g];
        }
        return -1;
    }

    private static void CheckShares(IReadOnlyList<double> shares)
    {
        if (shares.Count == 0) throw new ArgumentOutOfRangeException(nameof(shares), 0, "at least one share");
        double sum = 0;
        foreach (double p in shares)
        {
            if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(shares), p, "each share must be strictly between 0 and 1");
            sum += p;
        }
        if (sum > 1 + 1e-12) throw new ArgumentOutOfRangeException(nameof(shares), sum, "the shares must add up to at most 1");
    }
}
