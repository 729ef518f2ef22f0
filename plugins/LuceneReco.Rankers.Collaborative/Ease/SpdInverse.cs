using System.Numerics.Tensors;

namespace LuceneReco.Rankers.Collaborative.Ease;

/// <summary>
/// Inverts a dense symmetric positive-definite matrix in float32, in place, by a blocked Cholesky factorisation
/// <c>A = L L^T</c>, the triangular inverse <c>Z = L^-T</c> and the product <c>A^-1 = Z Z^T</c> (LAPACK's potrf, trtri and
/// lauum, written here in "dot-product form" so every inner loop is one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// over two contiguous row segments). Each phase works on a block of <see cref="Block"/> rows that stays in cache while the
/// other rows stream past once, and runs those rows on every core. About <c>n^3</c> floating-point operations in all.
/// </summary>
internal static class SpdInverse
{
    /// <summary>Rows per block: 64 rows of a 20,000-item matrix (5 MB) stay in the cache while the other rows stream past.</summary>
    public const int Block = 64;

    /// <summary>
    /// Replaces the strict lower triangle of the n x n row-major matrix <paramref name="a"/> (both triangles given, symmetric)
    /// with that of its inverse, and returns the inverse's diagonal; the upper triangle is left as scratch.
    /// </summary>
    /// <exception cref="ArgumentException">The matrix is not positive definite (in float precision).</exception>
    public static float[] InvertLower(float[] a, int n, int? threads, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(a);
        if ((long)n * n > a.Length) throw new ArgumentOutOfRangeException(nameof(n), n, "n * n must not exceed the array's length");
        var parallel = new ParallelOptions { CancellationToken = cancellation, MaxDegreeOfParallelism = threads ?? -1 };
        var diagonal = new float[n];
        Factor(a, n, diagonal, parallel);
        InvertFactor(a, n, diagonal, parallel);
        return MultiplyFactor(a, n, parallel);
    }

    /// <summary>Left-looking blocked Cholesky: L (strict lower part of <paramref name="a"/>, diagonal in <paramref name="diagonal"/>).</summary>
    private static void Factor(float[] a, int n, float[] diagonal, ParallelOptions parallel)
    {
        for (int j0 = 0; j0 < n; j0 += Block)
        {
            int j1 = Math.Min(n, j0 + Block);
            for (int i = j0; i < j1; i++) FactorRow(a, n, diagonal, i, j0, j1);
            Parallel.For(j1, n, parallel, i => FactorRow(a, n, diagonal, i, j0, j1));
        }
    }

    /// <summary>Row i of L in the block of columns [j0, j1): <c>L_ij = (A_ij - L_i[0:j] . L_j[0:j]) / L_jj</c>, and the diagonal when i is in the block.</summary>
    private static void FactorRow(float[] a, int n, float[] diagonal, int i, int j0, int j1)
    {
        Span<float> rowI = a.AsSpan(i * n, n);
        int end = Math.Min(i + 1, j1);
        for (int j = j0; j < end; j++)
        {
            float s = rowI[j] - TensorPrimitives.Dot(rowI[..j], a.AsSpan(j * n, j));
            if (j == i)
            {
                if (!(s > 0)) throw new ArgumentException($"the matrix is not positive definite at row {i} (raise lambda)", nameof(a));
                diagonal[i] = MathF.Sqrt(s);
            }
            else
            {
                rowI[j] = s / diagonal[j];
            }
        }
    }

    /// <summary>
    /// <c>Z = L^-T</c> into the upper triangle (diagonal included): <c>Z_jj = 1 / L_jj</c>,
    /// <c>Z_ji = -(L_i[j:i] . Z_j[j:i]) / L_ii</c> for i &gt; j, a block of Z rows at a time, blocks in parallel.
    /// </summary>
    private static void InvertFactor(float[] a, int n, float[] diagonal, ParallelOptions parallel)
    {
        int blocks = (n + Block - 1) / Block;
        Parallel.For(0, blocks, parallel, b =>
        {
            int j0 = b * Block, j1 = Math.Min(n, j0 + Block);
            for (int i = j0; i < n; i++)
            {
                ReadOnlySpan<float> rowI = a.AsSpan(i * n, n);
                int end = Math.Min(i + 1, j1);
                for (int j = j0; j < end; j++)
                {
                    if (j == i) { a[j * n + j] = 1 / diagonal[j]; continue; }
                    float dot = TensorPrimitives.Dot(rowI[j..i], a.AsSpan(j * n + j, i - j));
                    a[j * n + i] = -dot / diagonal[i];
                }
            }
        });
    }

    /// <summary><c>P = Z Z^T</c>: <c>P_ij = Z_i[j:n] . Z_j[j:n]</c> for i &lt;= j, into the strict lower triangle (at (j, i)) and the returned diagonal.</summary>
    private static float[] MultiplyFactor(float[] a, int n, ParallelOptions parallel)
    {
        var diagonal = new float[n];
        int blocks = (n + Block - 1) / Block;
        Parallel.For(0, blocks, parallel, b =>
        {
            int i0 = b * Block, i1 = Math.Min(n, i0 + Block);
            for (int j = i0; j < n; j++)
            {
                ReadOnlySpan<float> rowJ = a.AsSpan(j * n + j, n - j);
                int end = Math.Min(j + 1, i1);
                for (int i = i0; i < end; i++)
                {
                    float p = TensorPrimitives.Dot(a.AsSpan(i * n + j, n - j), rowJ);
                    if (i == j) diagonal[i] = p;
                    else a[j * n + i] = p;
                }
            }
        });
        return diagonal;
    }
}
