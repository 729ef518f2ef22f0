using System.Numerics.Tensors;
using LuceneReco.Rankers.Collaborative.Common;

namespace LuceneReco.Rankers.Collaborative.Als;

/// <summary>
/// The row solves of implicit ALS (Hu, Koren &amp; Volinsky 2008). For a row u with observed columns j (strength r_uj,
/// confidence <c>c_uj = 1 + alpha r_uj</c>, preference 1) the factor minimising the weighted loss solves
/// <c>(YtY + Yu^T (Cu - I) Yu + lambda I) x = Yu^T Cu p_u</c>; YtY covers every unobserved column at confidence 1,
/// so a row costs only its observed columns. Factors are row-major float arrays of rows x f.
/// </summary>
internal static class AlsMath
{
    private const int GramChunks = 16;

    /// <summary>Returns <c>Y^T Y + lambda I</c> (f x f, row-major). Rows are summed in fixed chunks, so the result does not depend on the thread count.</summary>
    public static float[] Gram(float[] factors, int rows, int f, double lambda, ParallelOptions parallel)
    {
        var partial = new float[GramChunks][];
        Parallel.For(0, GramChunks, parallel, chunk =>
        {
            var g = new float[f * f];
            long from = (long)rows * chunk / GramChunks, to = (long)rows * (chunk + 1) / GramChunks;
            for (long r = from; r < to; r++)
            {
                ReadOnlySpan<float> y = factors.AsSpan((int)(r * f), f);
                for (int a = 0; a < f; a++)
                {
                    Span<float> ga = g.AsSpan(a * f, f);
                    TensorPrimitives.MultiplyAdd(y, y[a], ga, ga);
                }
            }
            partial[chunk] = g;
        });
        var sum = new double[f * f];
        foreach (float[] g in partial)
            for (int k = 0; k < sum.Length; k++) sum[k] += g[k];
        var gram = new float[f * f];
        for (int k = 0; k < gram.Length; k++) gram[k] = (float)sum[k];
        for (int a = 0; a < f; a++) gram[a * f + a] += (float)lambda;
        return gram;
    }

    /// <summary>
    /// Improves <paramref name="x"/> by <paramref name="steps"/> conjugate-gradient steps on the row's normal equations,
    /// warm-started from its current value (Takács, Pilászy &amp; Tikk 2011). <paramref name="scratch"/> holds 3 f floats.
    /// </summary>
    public static void ConjugateGradientRow(float[] gram, float[] other, int f, ReadOnlySpan<int> columns, ReadOnlySpan<float> strengths,
        float alpha, int steps, Span<float> x, Span<float> scratch)
    {
        Span<float> r = scratch[..f], p = scratch.Slice(f, f), ap = scratch.Slice(2 * f, f);

        // r = b - A x = sum_j (c_j - (c_j - 1) y_j.x) y_j - (YtY + lambda I) x
        MatVec(gram, f, x, r);
        TensorPrimitives.Negate(r, r);
        for (int k = 0; k < columns.Length; k++)
        {
            ReadOnlySpan<float> y = other.AsSpan(columns[k] * f, f);
            float c = 1 + alpha * strengths[k];
            TensorPrimitives.MultiplyAdd(y, c - (c - 1) * TensorPrimitives.Dot(y, x), r, r);
        }
        r.CopyTo(p);
        float rsOld = TensorPrimitives.Dot(r, r);
        for (int step = 0; step < steps && rsOld > 1e-20f; step++)
        {
            // ap = A p = (YtY + lambda I) p + sum_j (c_j - 1) (y_j.p) y_j
            MatVec(gram, f, p, ap);
            for (int k = 0; k < columns.Length; k++)
            {
                ReadOnlySpan<float> y = other.AsSpan(columns[k] * f, f);
                TensorPrimitives.MultiplyAdd(y, alpha * strengths[k] * TensorPrimitives.Dot(y, p), ap, ap);
            }
            float pAp = TensorPrimitives.Dot(p, ap);
            if (!(pAp > 0)) break;
            float a = rsOld / pAp;
            TensorPrimitives.MultiplyAdd(p, a, x, x);
            TensorPrimitives.MultiplyAdd(ap, -a, r, r);
            float rsNew = TensorPrimitives.Dot(r, r);
            TensorPrimitives.MultiplyAdd(p, rsNew / rsOld, r, p);
            rsOld = rsNew;
        }
    }

    /// <summary>
    /// Forms <c>A = YtY + lambda I + sum_j (c_j - 1) y_j y_j^T</c> and <c>b = sum_j c_j y_j</c> in double, factors A
    /// (its lower triangle becomes L, in <paramref name="a"/>) and writes the exact solution to <paramref name="x"/>.
    /// <paramref name="a"/> holds f*f doubles, <paramref name="b"/> f. Returns false when A is not positive definite.
    /// </summary>
    public static bool ExactRow(float[] gram, float[] other, int f, ReadOnlySpan<int> columns, ReadOnlySpan<float> strengths,
        float alpha, Span<float> x, Span<double> a, Span<double> b)
    {
        for (int k = 0; k < f * f; k++) a[k] = gram[k];
        b.Clear();
        for (int k = 0; k < columns.Length; k++)
        {
            ReadOnlySpan<float> y = other.AsSpan(columns[k] * f, f);
            double confidenceMinusOne = alpha * (double)strengths[k];
            for (int i = 0; i < f; i++)
            {
                double wi = confidenceMinusOne * y[i];
                b[i] += (1 + confidenceMinusOne) * y[i];
                Span<double> row = a.Slice(i * f, i + 1);
                for (int j = 0; j <= i; j++) row[j] += wi * y[j];
            }
        }
        if (!Cholesky.Factor(a, f)) return false;
        Cholesky.Solve(a, f, b);
        for (int i = 0; i < f; i++) x[i] = (float)b[i];
        return true;
    }

    private static void MatVec(float[] m, int f, ReadOnlySpan<float> v, Span<float> result)
    {
        for (int row = 0; row < f; row++) result[row] = TensorPrimitives.Dot(m.AsSpan(row * f, f), v);
    }
}
