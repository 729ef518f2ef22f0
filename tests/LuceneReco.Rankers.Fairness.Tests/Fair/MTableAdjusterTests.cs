using LuceneReco.Rankers.Fairness.Fair;
using LuceneReco.Rankers.Fairness.Tests.Support;

namespace LuceneReco.Rankers.Fairness.Tests.Fair;

public sealed class MTableAdjusterTests
{
    [Fact]
    public void Adjust_PaperExample_IsTheExactBoundaryNotFairsearchs()
    {
        MTableAdjustment a = MTableAdjuster.Adjust(20, 0.25, 0.1);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2], a.Table.Minimums);
        Assert.Equal(0.0750846862792969, a.AdjustedAlpha, 15);
        Assert.Equal(0.0897221672348678, a.FailProbability, 13);
        Assert.Equal(Exact.FailProbability([.. a.Table.Minimums], 1, 4), a.FailProbability, 14);
        // The next table (what any alpha' above 0.0751 gives, fairsearch's 0.078125 among them) fails more than 10%.
        Assert.NotNull(a.NextTable);
        Assert.True(a.NextTable!.FailProbability > 0.1, $"next table fails {a.NextTable.FailProbability}");
        Assert.Equal(MTable.Compute(20, 0.25, 0.078125).Minimums, a.NextTable.Minimums);
    }

    [Theory]
    [InlineData(20, 0.25, 0.1)]
    [InlineData(50, 0.5, 0.05)]
    [InlineData(100, 0.2, 0.1)]
    [InlineData(200, 0.33, 0.01)]
    [InlineData(7, 0.6, 0.2)]
    [InlineData(1, 0.25, 0.1)]
    public void Adjust_TableMeetsAlpha_AndIsTheLargestThatDoes(int k, double p, double alpha)
    {
        MTableAdjustment a = MTableAdjuster.Adjust(k, p, alpha);
        Assert.True(a.FailProbability <= alpha, $"adjusted table fails {a.FailProbability} > {alpha}");
        // The adjusted alpha gives exactly the adjusted table ...
        Assert.Equal(a.Table.Minimums, MTable.Compute(k, p, a.AdjustedAlpha).Minimums);
        // ... and the next double above it already gives the next table, which breaks alpha: no larger alpha' passes.
        double above = Math.BitIncrement(a.AdjustedAlpha);
        if (a.NextTable is { } next)
        {
            Assert.Equal(next.Minimums, MTable.Compute(k, p, above).Minimums);
            Assert.True(next.FailProbability > alpha, $"next table fails {next.FailProbability} <= {alpha}");
            Assert.Equal(next.Minimums, MTable.Compute(k, p, next.Alpha).Minimums);
            // The neighbour differs from the adjusted table in exactly one step up somewhere.
            int differences = 0;
            for (int i = 0; i < k; i++) differences += next.Minimums[i] - a.Table.Minimums[i];
            Assert.True(differences >= 1, "the next table asks for more");
        }
    }

    [Fact]
    public void Adjust_SeededRandomCases_AreLargestPassing()
    {
        int seed = TestSeed.Next();
        var rng = new Random(seed);
        for (int t = 0; t < 25; t++)
        {
            int k = rng.Next(1, 120);
            double p = 0.05 + 0.9 * rng.NextDouble(), alpha = 0.005 + 0.3 * rng.NextDouble();
            MTableAdjustment a = MTableAdjuster.Adjust(k, p, alpha);
            string where = $"k={k} p={p} alpha={alpha}, {TestSeed.Describe(seed)}";
            Assert.True(a.FailProbability <= alpha, where);
            Assert.True(a.NextTable is null || a.NextTable.FailProbability > alpha, where);
            Assert.True(a.NextTable is null || a.NextTable.Alpha > a.AdjustedAlpha, where);
            // Fail probability grows with alpha': the unadjusted table asks for at least as much.
            MTable plain = MTable.Compute(k, p, alpha);
            for (int i = 0; i < k; i++) Assert.True(a.Table.Minimums[i] <= plain.Minimums[i], where);
        }
    }

    [Fact]
    public void Adjust_KAboveLimit_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MTableAdjuster.Adjust(MTableAdjuster.MaxK + 1, 0.5, 0.1));
}
