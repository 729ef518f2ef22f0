namespace LuceneReco.Host.Experiments;

/// <summary>
/// The tests the experiment report uses, as plain functions: an exact two-sided sign (binomial) test, a two-proportion z-test,
/// the normal distribution they need, and the sample sizes that detect a given effect. docs/experiments.md states each formula.
/// </summary>
internal static class Statistics
{
    /// <summary>
    /// The exact two-sided sign test of <paramref name="wins"/> against <paramref name="losses"/> (ties left out) under
    /// "either side is as likely to win": <c>p = min(1, 2 P(X &lt;= min(wins, losses)))</c> with <c>X ~ Binomial(wins + losses, 1/2)</c>;
    /// 1 when there is nothing to test. Summed in logarithms, so any count works.
    /// </summary>
    public static double SignTestP(long wins, long losses)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wins);
        ArgumentOutOfRangeException.ThrowIfNegative(losses);
        long n = wins + losses, m = Math.Min(wins, losses);
        if (n == 0) return 1;
        double logHalfN = -n * Math.Log(2);
        double logChoose = 0, logSum = double.NegativeInfinity; // log C(n, i), log of the sum of terms so far
        for (long i = 0; i <= m; i++)
        {
            if (i > 0) logChoose += Math.Log(n - i + 1) - Math.Log(i);
            logSum = LogAdd(logSum, logChoose + logHalfN);
        }
        return Math.Min(1, 2 * Math.Exp(logSum));
    }

    /// <summary>
    /// The two-sided two-proportion z-test of <paramref name="x1"/>/<paramref name="n1"/> against <paramref name="x2"/>/<paramref name="n2"/>,
    /// pooled: <c>z = (p2 - p1) / sqrt(p (1 - p) (1/n1 + 1/n2))</c> with <c>p = (x1 + x2) / (n1 + n2)</c>, p-value <c>erfc(|z| / sqrt 2)</c>.
    /// Returns z and p; (0, 1) when either side is empty or the pooled rate is 0 or 1.
    /// </summary>
    public static (double Z, double P) TwoProportionZ(long x1, long n1, long x2, long n2)
    {
        if (x1 < 0 || x1 > n1) throw new ArgumentOutOfRangeException(nameof(x1), x1, $"must be 0 to n1 ({n1})");
        if (x2 < 0 || x2 > n2) throw new ArgumentOutOfRangeException(nameof(x2), x2, $"must be 0 to n2 ({n2})");
        if (n1 == 0 || n2 == 0) return (0, 1);
        double pooled = (double)(x1 + x2) / (n1 + n2);
        double se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) return (0, 1);
        double z = ((double)x2 / n2 - (double)x1 / n1) / se;
        return (z, Erfc(Math.Abs(z) / Math.Sqrt(2)));
    }

    /// <summary>
    /// How many preferences (wins plus losses) a sign test at level <paramref name="alpha"/> needs to detect, with probability
    /// <paramref name="power"/>, a side winning a share <c>q = 1/2 + effect</c> of them:
    /// <c>n = ((z(1 - alpha/2) * 0.5 + z(power) * sqrt(q (1 - q))) / effect)^2</c> (the normal approximation of the binomial).
    /// </summary>
    public static long PreferencesNeeded(double effect, double alpha = 0.05, double power = 0.8)
    {
        CheckPlan(alpha, power);
        if (!(effect > 0 && effect < 0.5)) throw new ArgumentOutOfRangeException(nameof(effect), effect, "must be above 0 and below 0.5");
        double q = 0.5 + effect;
        double root = (NormalQuantile(1 - alpha / 2) * 0.5 + NormalQuantile(power) * Math.Sqrt(q * (1 - q))) / effect;
        return (long)Math.Ceiling(root * root);
    }

    /// <summary>
    /// How many impressions each side needs for a two-sided two-proportion test at level <paramref name="alpha"/> to detect a
    /// change of the rate from <paramref name="p1"/> to <paramref name="p2"/> with probability <paramref name="power"/>:
    /// <c>n = (z(1 - alpha/2) sqrt(2 pbar (1 - pbar)) + z(power) sqrt(p1 (1 - p1) + p2 (1 - p2)))^2 / (p2 - p1)^2</c>, pbar their mean.
    /// </summary>
    public static long ImpressionsNeeded(double p1, double p2, double alpha = 0.05, double power = 0.8)
    {
        CheckPlan(alpha, power);
        if (!(p1 > 0 && p1 < 1)) throw new ArgumentOutOfRangeException(nameof(p1), p1, "must be above 0 and below 1");
        if (!(p2 > 0 && p2 < 1) || p2 == p1) throw new ArgumentOutOfRangeException(nameof(p2), p2, "must be above 0, below 1 and differ from p1");
        double mean = (p1 + p2) / 2, d = p2 - p1;
        double root = NormalQuantile(1 - alpha / 2) * Math.Sqrt(2 * mean * (1 - mean)) + NormalQuantile(power) * Math.Sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (long)Math.Ceiling(root * root / (d * d));
    }

    /// <summary>
    /// The complementary error function, from its Chebyshev fit with fractional error below 1.2e-7 everywhere
    /// (the <c>erfcc</c> of Press et al., Numerical Recipes).
    /// </summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>
    /// The standard normal quantile (inverse CDF) of <paramref name="p"/>, by Acklam's rational approximation (relative error
    /// below 1.15e-9).
    /// </summary>
    public static double NormalQuantile(double p)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "must be above 0 and below 1");
        ReadOnlySpan<double> a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        ReadOnlySpan<double> b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        ReadOnlySpan<double> c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        ReadOnlySpan<double> d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double Low = 0.02425;
        if (p < Low || p > 1 - Low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p < Low ? p : 1 - p));
            double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
            return p < Low ? x : -x;
        }
        double u = p - 0.5, s = u * u;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * u / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }

    private static void CheckPlan(double alpha, double power)
    {
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "must be above 0 and below 1");
        if (!(power > 0 && power < 1)) throw new ArgumentOutOfRangeException(nameof(power), power, "must be above 0 and below 1");
    }

    private static double LogAdd(double x, double y)
    {
        if (double.IsNegativeInfinity(x)) return y;
        if (double.IsNegativeInfinity(y)) return x;
        double max = Math.Max(x, y);
        return max + Math.Log(Math.Exp(x - max) + Math.Exp(y - max));
    }
}
