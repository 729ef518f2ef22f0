using FsCheck.Xunit;
using LuceneReco.Rankers.Diversity.Core;
using LuceneReco.Rankers.Diversity.Tests.Support;

namespace LuceneReco.Rankers.Diversity.Tests.Core;

public sealed class MmrTests
{
    /// <summary>
    /// The textbook MMR: at every step, each remaining candidate's max-similarity is recomputed against every pick
    /// (O(k^2 n) similarities, O(k n^2) when k ~ n), no cache. Ties to the lower index.
    /// </summary>
    internal static List<int> Naive(double[] relevance, ISimilarity s, double lambda, int k)
    {
        int n = relevance.Length;
        var picks = new List<int>();
        while (picks.Count < Math.Min(k, n))
        {
            int best = -1;
            double bestScore = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                if (picks.Contains(i)) continue;
                double maxSim = 0;
                foreach (int j in picks) maxSim = Math.Max(maxSim, s.Pair(i, j));
                double score = lambda * relevance[i] - (1 - lambda) * maxSim;
                if (score > bestScore) { best = i; bestScore = score; }
            }
            picks.Add(best);
        }
        return picks;
    }

    [Property(MaxTest = 200)]
    public bool Select_RandomKernels_EqualsNaiveReference(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(1, 40), k = random.Next(0, n + 2);
        double lambda = random.Next(4) switch { 0 => 0, 1 => 1, _ => random.NextDouble() };
        MatrixSimilarity s = MatrixSimilarity.RandomCosine(random, n, random.Next(1, 8), nonNegative: true);
        double[] relevance = Relevance.MinMax(Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray());

        MmrResult result = Mmr.Select(relevance, s, lambda, k);

        return result.Order.SequenceEqual(Naive(relevance, s, lambda, k));
    }

    [Fact]
    public void Select_ThousandCandidates_EqualsNaiveReference_WithOneRowPerPick()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        MatrixSimilarity s = MatrixSimilarity.RandomCosine(random, 300, 12, nonNegative: true);
        double[] relevance = Relevance.MinMax(Enumerable.Range(0, 300).Select(_ => random.NextDouble()).ToArray());

        MmrResult result = Mmr.Select(relevance, s, 0.6, 40);

        Assert.True(Naive(relevance, s, 0.6, 40).SequenceEqual(result.Order), TestSeed.Describe(seed));
        Assert.Equal(40, s.Rows); // the incremental cache: one row per pick, never n x n
    }

    [Fact]
    public void Select_LambdaOne_IsRelevanceOrder()
    {
        var s = MatrixSimilarity.RandomCosine(new Random(1), 6, 2, nonNegative: true);

        MmrResult result = Mmr.Select([0.2, 0.9, 0.5, 0.9, 0.1, 0.7], s, 1, 6);

        Assert.Equal([1, 3, 5, 2, 0, 4], result.Order);
    }

    [Fact]
    public void Select_NearDuplicate_IsPushedBelowADifferentItem_AndRecordsWhatItWasCloseTo()
    {
        // 0 and 1 are near-duplicates; 2 is different and a little less relevant.
        var s = new MatrixSimilarity(new double[,] { { 1, 0.95, 0.1 }, { 0.95, 1, 0.1 }, { 0.1, 0.1, 1 } });

        MmrResult result = Mmr.Select([1, 0.95, 0.8], s, 0.5, 3);

        Assert.Equal([0, 2, 1], result.Order);
        Assert.Equal(0, result.Closest[1]);
        Assert.Equal(0.95, result.MaxSimilarity[1]);
        Assert.Equal(0.5 * 1, result.Objective[0]);
    }

    [Fact]
    public void Select_NoCandidates_PicksNothing()
    {
        MmrResult result = Mmr.Select([], new MatrixSimilarity(new double[0, 0]), 0.5, 10);

        Assert.Empty(result.Order);
    }

    [Fact]
    public void Select_LambdaOutOfRange_ThrowsNamingTheRange()
    {
        var s = new MatrixSimilarity(new double[,] { { 1 } });

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Mmr.Select([1], s, 1.5, 1));

        Assert.Contains("between 0 and 1", e.Message, StringComparison.Ordinal);
    }
}
