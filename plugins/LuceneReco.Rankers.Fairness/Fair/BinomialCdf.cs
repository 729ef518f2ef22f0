namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>
/// Binomial cumulative probabilities <c>P(X_i &lt;= m)</c> for <c>X_i ~ Binomial(i, p)</c>, row by row through Pascal's
/// recurrence <c>pmf_i(j) = (1 - p) pmf_{i-1}(j) + p pmf_{i-1}(j-1)</c>: only additions of positive terms, so each row is
/// accurate to a few ulps times i (far below the 1e-9 the scipy fixture keeps away from ties).
/// </summary>
internal sealed class BinomialCdf
{
    private readonly double _p;
    private double[] _pmf;
    private double[] _next;

    /// <summary>Starts at row 0 (<c>X_0 = 0</c>).</summary>
    public BinomialCdf(int maxRow, double p)
    {
        _p = p;
        _pmf = new double[maxRow + 2];
        _next = new double[maxRow + 2];
        _pmf[0] = 1;
    }

    /// <summary>The current row i.</summary>
    public int Row { get; private set; }

    /// <summary>Moves to row i + 1.</summary>
    public void Advance()
    {
        double q = 1 - _p;
        int i = ++Row;
        _next[0] = q * _pmf[0];
        for (int j = 1; j <= i; j++) _next[j] = q * _pmf[j] + _p * _pmf[j - 1];
        (_pmf, _next) = (_next, _pmf);
    }

    /// <summary>The smallest m with <c>P(X_i &lt;= m) &gt;= alpha</c> (scipy's <c>binom.ppf(alpha, i, p)</c>); i when none is below.</summary>
    public int Quantile(double alpha)
    {
        double cdf = 0;
        for (int m = 0; m < Row; m++)
        {
            cdf += _pmf[m];
            if (cdf >= alpha) return m;
        }
        return Row;
    }

    /// <summary>Writes <c>P(X_i &lt;= m)</c> for m = 0..i-1 (the values below 1 at which the quantile can change).</summary>
    public void CumulativeBelowTop(Span<double> destination)
    {
        double cdf = 0;
        for (int m = 0; m < Row; m++)
        {
            cdf += _pmf[m];
            destination[m] = cdf;
        }
    }
}
