namespace LuceneReco.Rankers.Collaborative.Common;

/// <summary>Solves small dense symmetric positive-definite systems <c>A x = b</c> by Cholesky factorisation <c>A = L L^T</c> (row-major, in double).</summary>
internal static class Cholesky
{
    /// <summary>Overwrites the lower triangle of the n x n matrix <paramref name="a"/> with L; false when A is not positive definite.</summary>
    public static bool Factor(Span<double> a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) d -= a[j * n + k] * a[j * n + k];
            if (!(d > 0)) return false;
            double ljj = Math.Sqrt(d);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / ljj;
            }
        }
        return true;
    }

    /// <summary>Solves <c>L L^T x = b</c> in place in <paramref name="b"/>, given the factor from <see cref="Factor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * b[k];
            b[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
            b[i] = s / l[i * n + i];
        }
    }
}
