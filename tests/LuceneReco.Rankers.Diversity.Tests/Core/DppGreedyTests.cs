using FsCheck.Xunit;
using LuceneReco.Rankers.Diversity.Core;
using LuceneReco.Rankers.Diversity.Tests.Support;

namespace LuceneReco.Rankers.Diversity.Tests.Core;

public sealed class DppGreedyTests
{
    /// <summary>
    /// Greedy log-det by brute force: each step computes det(L_{W+i}) for every remaining i from scratch (W = all picks,
    /// or the last window - 1 of them) and takes the largest ratio det(L_{W+i}) / det(L_W); stops when it is below epsilon.
    /// </summary>
    internal static List<int> BruteForce(double[] q, MatrixSimilarity s, int k, int? window, double epsilon)
    {
        int n = q.Length;
        var picks = new List<int>();
        while (picks.Count < Math.Min(k, n))
        {
            List<int> w = window is int size ? picks.Skip(Math.Max(0, picks.Count - (size - 1))).ToList() : [.. picks];
            double detW = Det(Kernel(q, s, w));
            int best = -1;
            double bestGain = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                if (picks.Contains(i)) continue;
                double gain = Det(Kernel(q, s, [.. w, i])) / detW;
                if (gain > bestGain) { best = i; bestGain = gain; }
            }
            if (bestGain < epsilon) break;
            picks.Add(best);
        }
        return picks;
    }

    private static double[,] Kernel(double[] q, MatrixSimilarity s, List<int> items)
    {
        var l = new double[items.Count, items.Count];
        for (int a = 0; a < items.Count; a++)
            for (int b = 0; b < items.Count; b++) l[a, b] = q[items[a]] * s[items[a], items[b]] * q[items[b]];
        return l;
    }

    /// <summary>Determinant by Gaussian elimination with partial pivoting (1 for the empty matrix).</summary>
    private static double Det(double[,] m)
    {
        int n = m.GetLength(0);
        var a = (double[,])m.Clone();
        double det = 1;
        for (int c = 0; c < n; c++)
        {
            int pivot = c;
            for (int r = c + 1; r < n; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c])) pivot = r;
            if (a[pivot, c] == 0) return 0;
            if (pivot != c)
            {
                for (int x = 0; x < n; x++) (a[c, x], a[pivot, x]) = (a[pivot, x], a[c, x]);
                det = -det;
            }
            det *= a[c, c];
            for (int r = c + 1; r < n; r++)
            {
                double f = a[r, c] / a[c, c];
                for (int x = c; x < n; x++) a[r, x] -= f * a[c, x];
            }
        }
        return det;
    }

    private static (double[] Quality, MatrixSimilarity S) RandomKernel(Random random, int n, int dim)
    {
        MatrixSimilarity s = MatrixSimilarity.RandomCosine(random, n, dim, nonNegative: random.Next(2) == 0);
        double[] q = Enumerable.Range(0, n).Select(_ => 0.3 + random.NextDouble()).ToArray();
        return (q, s);
    }

    [Property(MaxTest = 150)]
    public bool Select_SmallRandomKernels_SamePicksAsBruteForceLogDet(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(1, 16);
        (double[] q, MatrixSimilarity s) = RandomKernel(random, n, n + random.Next(0, 4)); // full rank
        int k = random.Next(0, n + 1);

        DppResult result = DppGreedy.Select(q, s, k, window: null, epsilon: 1e-12);

        return result.Order.SequenceEqual(BruteForce(q, s, k, null, 1e-12));
    }

    [Property(MaxTest = 150)]
    public bool Select_SlidingWindow_SamePicksAsBruteForceOverTheWindow(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(2, 20);
        (double[] q, MatrixSimilarity s) = RandomKernel(random, n, n + 2);
        int window = random.Next(2, 6);

        DppResult result = DppGreedy.Select(q, s, n, window, epsilon: 1e-12);

        return result.Order.SequenceEqual(BruteForce(q, s, n, window, 1e-12));
    }

    [Fact]
    public void Select_LowRankKernel_StopsAtItsRank_LikeBruteForce()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        (double[] q, MatrixSimilarity s) = RandomKernel(random, 12, 4); // rank 4: a fifth item adds no volume

        DppResult result = DppGreedy.Select(q, s, 12, null, epsilon: 1e-6);

        Assert.True(result.Order.Length == 4, $"{result.Order.Length} picks; {TestSeed.Describe(seed)}");
        Assert.True(BruteForce(q, s, 12, null, 1e-6).SequenceEqual(result.Order), TestSeed.Describe(seed));
    }

    [Fact]
    public void Select_Gains_AreTheDeterminantRatios()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        (double[] q, MatrixSimilarity s) = RandomKernel(random, 8, 8);

        DppResult result = DppGreedy.Select(q, s, 5, null, 0);

        double product = 1;
        for (int p = 0; p < result.Order.Length; p++)
        {
            product *= result.Gain[p];
            double det = Det(Kernel(q, s, [.. result.Order.Take(p + 1)]));
            Assert.True(Math.Abs(product - det) <= 1e-9 * Math.Max(1, Math.Abs(det)), $"pick {p}: {product} vs det {det}; {TestSeed.Describe(seed)}");
        }
    }

    [Fact]
    public void Select_ThousandCandidates_ChoosesFiftyWithOneRowPerPick()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        (double[] q, MatrixSimilarity s) = RandomKernel(random, 1000, 60);

        DppResult result = DppGreedy.Select(q, s, 50, null, 1e-10);

        Assert.Equal(50, result.Order.Length);
        Assert.Equal(50, result.Order.Distinct().Count());
        Assert.Equal(50, s.Rows);
    }

    [Fact]
    public void Select_DuplicateItem_IsNeverPickedTwice_TheRestStop()
    {
        // Items 0 and 1 are identical: once 0 is in, 1 adds nothing.
        var s = new MatrixSimilarity(new double[,] { { 1, 1, 0 }, { 1, 1, 0 }, { 0, 0, 1 } });

        DppResult result = DppGreedy.Select([1, 0.9, 0.5], s, 3, null, 1e-9);

        Assert.Equal([0, 2], result.Order);
        Assert.Equal(0, result.Closest[1]);
    }

    [Fact]
    public void Select_BadArguments_ThrowNamingTheRange()
    {
        var s = new MatrixSimilarity(new double[,] { { 1 } });

        Assert.Contains("at least 2", Assert.Throws<ArgumentOutOfRangeException>(() => DppGreedy.Select([1], s, 1, 1, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 0", Assert.Throws<ArgumentOutOfRangeException>(() => DppGreedy.Select([-1], s, 1, null, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("below 1", Assert.Throws<ArgumentOutOfRangeException>(() => DppKernel.Alpha(1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quality_FollowsChenEtAlsTradeOff_ScaledSoTheBestIsOne()
    {
        double[] q = DppKernel.Quality([1, 0.5, 0], 0.5); // alpha = 0.5 / (2 * 0.5) = 0.5

        Assert.Equal(1, q[0], 12);
        Assert.Equal(Math.Exp(-0.25), q[1], 12);
        Assert.Equal(Math.Exp(-0.5), q[2], 12);
    }
}
