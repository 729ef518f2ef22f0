namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>
/// Finds the FA*IR adjusted alpha exactly. The table of alpha' is <c>m(i) = #{m &lt; i : BinomCDF(m; i, p) &lt; alpha'}</c>, so
/// it only changes where alpha' passes one of the values <c>BinomCDF(m; i, p)</c>, m &lt; i, and on each step it is constant
/// on an interval closed on the right: the largest alpha' giving a table is always one of those values. Tables grow
/// pointwise with alpha', so their fail probability does too. The adjuster sorts the breakpoints, bisects over them for
/// the last one whose table fails at most the asked alpha (the fail probability of each tried table by the exact DP of
/// <see cref="MTable"/>), and checks that the next breakpoint's table fails more. Unlike a bisection over alpha' as a real
/// number stopped after a few halvings (fairsearch stops at 0.078125 for k = 20, p = 0.25, alpha = 0.1, a table that fails
/// 10.5% of fair rankings), the answer is the exact boundary: 0.0751 there, failing 8.97%.
/// </summary>
public static class MTableAdjuster
{
    /// <summary>The largest k adjusted (the breakpoints are k(k+1)/2 numbers and each tried table costs k squared).</summary>
    public const int MaxK = 2_000;

    /// <summary>The adjusted table for a family-wise <paramref name="alpha"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k outside 1..<see cref="MaxK"/>, p or alpha outside (0, 1).</exception>
    public static MTableAdjustment Adjust(int k, double p, double alpha)
    {
        MTable.Check(k, p, alpha, MaxK);
        var rows = new double[k][];
        var cdf = new BinomialCdf(k, p);
        var breakpoints = new double[k * (k + 1) / 2];
        int count = 0;
        for (int i = 1; i <= k; i++)
        {
            cdf.Advance();
            rows[i - 1] = new double[i];
            cdf.CumulativeBelowTop(rows[i - 1]);
            foreach (double v in rows[i - 1])
                if (v > 0 && v < 1) breakpoints[count++] = v;
        }
        Array.Sort(breakpoints, 0, count);
        int distinct = 0;
        for (int j = 0; j < count; j++)
            if (distinct == 0 || breakpoints[j] != breakpoints[distinct - 1]) breakpoints[distinct++] = breakpoints[j];

        var minimums = new int[k];
        bool Passes(int j)
        {
            TableAt(rows, breakpoints[j], minimums);
            return MTable.FailProbabilityOf(minimums, p) <= alpha;
        }

        // Invariant: Passes(lo) (lo = -1 stands for alpha' below every breakpoint: the all-zero table, which never fails)
        // and !Passes(hi) (hi = distinct stands for alpha' above every breakpoint, checked after the loop).
        int lo = -1, hi = distinct;
        while (hi - lo > 1)
        {
            int mid = lo + (hi - lo) / 2;
            if (Passes(mid)) lo = mid;
            else hi = mid;
        }
        // Floating-point rounding could in principle break monotonicity by an ulp: walk on while the next one still passes.
        while (lo + 1 < distinct && Passes(lo + 1)) lo++;
        // lo = -1 would need the table of the smallest breakpoint (all zeros but where a CDF underflowed to 0) to fail more
        // than alpha; its fail probability is below the smallest double, so lo is at least 0.
        lo = Math.Max(lo, 0);

        double adjusted = breakpoints[lo];
        MTable table = MTable.FromMinimums(p, adjusted, TableAt(rows, adjusted, new int[k]));
        MTable? next = lo + 1 < distinct ? MTable.FromMinimums(p, breakpoints[lo + 1], TableAt(rows, breakpoints[lo + 1], new int[k])) : null;
        return new MTableAdjustment(alpha, table, next);
    }

    internal static int[] TableAt(double[][] rows, double alphaPrime, int[] minimums)
    {
        for (int i = 0; i < rows.Length; i++)
        {
            // m(i) = the number of CDF values of row i below alpha' (the row is nondecreasing): a lower-bound search.
            double[] row = rows[i];
            int lo = 0, hi = row.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (row[mid] < alphaPrime) lo = mid + 1;
                else hi = mid;
            }
            minimums[i] = lo;
        }
        return minimums;
    }
}
