using LuceneReco.Rankers.Diversity.Core;

namespace LuceneReco.Rankers.Diversity.Tests.Support;

/// <summary>A dense similarity matrix as an <see cref="ISimilarity"/>, counting the rows asked for.</summary>
internal sealed class MatrixSimilarity(double[,] s) : ISimilarity
{
    public int Count => s.GetLength(0);

    public int Rows { get; private set; }

    public double this[int a, int b] => s[a, b];

    public double Pair(int a, int b) => s[a, b];

    public void Row(int a, ReadOnlySpan<int> others, Span<double> into)
    {
        Rows++;
        for (int t = 0; t < others.Length; t++) into[t] = s[a, others[t]];
    }

    /// <summary>The cosine matrix of <paramref name="n"/> random vectors of dimension <paramref name="dim"/> (non-negative entries when asked): PSD, 1 on the diagonal.</summary>
    public static MatrixSimilarity RandomCosine(Random random, int n, int dim, bool nonNegative)
    {
        var v = new double[n, dim];
        for (int i = 0; i < n; i++)
        {
            double norm = 0;
            for (int d = 0; d < dim; d++)
            {
                double x = nonNegative ? random.NextDouble() * random.NextDouble() : Gaussian(random);
                v[i, d] = x;
                norm += x * x;
            }
            norm = Math.Sqrt(norm);
            for (int d = 0; d < dim; d++) v[i, d] /= norm;
        }
        var s = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                for (int d = 0; d < dim; d++) dot += v[i, d] * v[j, d];
                s[i, j] = i == j ? 1 : dot;
            }
        return new MatrixSimilarity(s);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
