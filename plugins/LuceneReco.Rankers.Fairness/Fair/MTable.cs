using System.Globalization;

namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>
/// The FA*IR minimum-protected table of Zehlike et al. (CIKM 2017): for each prefix length i = 1..k, the fewest protected
/// items a top-i may hold before a one-sided binomial test at significance alpha rejects "each position is protected with
/// probability p". Implemented as <c>m(i) = min { m : BinomCDF(m; i, p) &gt;= alpha }</c>, which is scipy's
/// <c>binom.ppf(alpha, i, p)</c> and reproduces the paper's table for k = 20, p = 0.25, alpha = 0.1.
/// </summary>
public sealed class MTable
{
    /// <summary>The largest k a table is computed for (the work grows as k squared).</summary>
    public const int MaxK = 10_000;

    private readonly int[] _minimums;
    private readonly Lazy<double> _failProbability; // O(k^2): computed when first asked, not for every table a stage uses

    private MTable(int k, double p, double alpha, int[] minimums)
    {
        K = k;
        P = p;
        Alpha = alpha;
        _minimums = minimums;
        _failProbability = new Lazy<double>(() => FailProbabilityOf(_minimums, P));
    }

    /// <summary>The longest prefix the table covers.</summary>
    public int K { get; }

    /// <summary>The target share of protected items.</summary>
    public double P { get; }

    /// <summary>The significance each prefix test uses (the adjusted one for an adjusted table).</summary>
    public double Alpha { get; }

    /// <summary>m(1), ..., m(k): element i - 1 is the minimum protected count of the top i.</summary>
    public IReadOnlyList<int> Minimums => _minimums;

    /// <summary>
    /// The probability that a fair ranking (each position protected independently with probability p) breaks at least one
    /// prefix of this table, computed exactly by dynamic programming over (prefix, protected so far).
    /// </summary>
    public double FailProbability => _failProbability.Value;

    /// <summary>The minimum protected count of the top <paramref name="prefixLength"/> (0 for 0; m(k) beyond k).</summary>
    public int MinimumAt(int prefixLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        return prefixLength == 0 ? 0 : _minimums[Math.Min(prefixLength, K) - 1];
    }

    /// <summary>m(i) for i = 1..k as "0,0,1,...".</summary>
    public override string ToString() => string.Join(",", _minimums.Select(m => m.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The unadjusted table: every prefix tested at <paramref name="alpha"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k outside 1..<see cref="MaxK"/>, p outside (0, 1), alpha outside (0, 1).</exception>
    public static MTable Compute(int k, double p, double alpha)
    {
        Check(k, p, alpha, MaxK);
        var cdf = new BinomialCdf(k, p);
        var minimums = new int[k];
        for (int i = 1; i <= k; i++)
        {
            cdf.Advance();
            minimums[i - 1] = cdf.Quantile(alpha);
        }
        return new MTable(k, p, alpha, minimums);
    }

    /// <summary>A table from given minimums (for tests and for neighbouring tables of an adjustment).</summary>
    internal static MTable FromMinimums(double p, double alpha, int[] minimums) => new(minimums.Length, p, alpha, minimums);

    /// <summary>
    /// <c>P(some prefix i has fewer than m(i) protected)</c> when each position is protected with probability p. The DP keeps
    /// the probability of each protected count among rankings that have met every prefix so far, and adds up the mass that
    /// drops below m(i) at each step (added directly rather than as 1 - survival, so small probabilities keep their digits).
    /// </summary>
    internal static double FailProbabilityOf(ReadOnlySpan<int> minimums, double p)
    {
        int k = minimums.Length;
        var alive = new double[k + 2];
        var next = new double[k + 2];
        alive[0] = 1;
        int low = 0; // counts below low carry no mass
        double failed = 0, q = 1 - p;
        for (int i = 1; i <= k; i++)
        {
            Array.Clear(next, low, i + 1 - low);
            for (int c = low; c < i; c++)
            {
                double mass = alive[c];
                if (mass == 0) continue;
                next[c] += mass * q;
                next[c + 1] += mass * p;
            }
            int need = minimums[i - 1];
            for (int c = low; c < need && c <= i; c++)
            {
                failed += next[c];
                next[c] = 0;
            }
            low = Math.Max(low, Math.Min(need, i));
            (alive, next) = (next, alive);
        }
        return Math.Min(1, failed);
    }

    internal static void Check(int k, double p, double alpha, int maxK)
    {
        if (k < 1 || k > maxK) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be 1 to {maxK}");
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "p must be strictly between 0 and 1");
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be strictly between 0 and 1");
    }
}
