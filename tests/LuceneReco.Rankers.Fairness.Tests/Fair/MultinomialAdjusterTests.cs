using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Fairness.Fair;
using LuceneReco.Rankers.Fairness.Tests.Support;

namespace LuceneReco.Rankers.Fairness.Tests.Fair;

/// <summary>The exact adjustment for several groups: its fail probability against brute force and Monte Carlo, and its tables.</summary>
public sealed class MultinomialAdjusterTests
{
    /// <summary>P(fail) by enumerating every ranking of k positions over G groups plus "unprotected" (G + 1)^k of them.</summary>
    private static double BruteForce(int[][] minimums, double[] shares)
    {
        int k = minimums[0].Length, groups = shares.Length, outcomes = groups + 1;
        double rest = 1 - shares.Sum(), failed = 0;
        var positions = new int[k];
        long total = (long)Math.Pow(outcomes, k);
        for (long code = 0; code < total; code++)
        {
            long x = code;
            double probability = 1;
            for (int i = 0; i < k; i++)
            {
                positions[i] = (int)(x % outcomes); // 0 unprotected, g = 1..G
                x /= outcomes;
                probability *= positions[i] == 0 ? rest : shares[positions[i] - 1];
            }
            var counts = new int[groups];
            bool broke = false;
            for (int i = 0; i < k && !broke; i++)
            {
                if (positions[i] > 0) counts[positions[i] - 1]++;
                for (int g = 0; g < groups; g++) broke |= counts[g] < minimums[g][i];
            }
            if (broke) failed += probability;
        }
        return failed;
    }

    private static int[] Table(int k, double p, double alpha) => [.. MTable.Compute(k, p, alpha).Minimums];

    [Theory]
    [InlineData(8, 0.3, 0.2, 0.35)]
    [InlineData(9, 0.25, 0.25, 0.2)]
    [InlineData(7, 0.5, 0.4, 0.3)]
    public void FailProbability_TwoGroups_EqualsBruteForce(int k, double p1, double p2, double alpha)
    {
        int[][] minimums = [Table(k, p1, alpha), Table(k, p2, alpha)];
        Assert.True(minimums.All(m => m[^1] > 0), "the example must have minimums");
        double[] shares = [p1, p2];
        Assert.Equal(BruteForce(minimums, shares), MultinomialAdjuster.FailProbability(minimums, shares), 12);
    }

    [Fact]
    public void FailProbability_ThreeGroups_EqualsBruteForce()
    {
        double[] shares = [0.3, 0.2, 0.25];
        int[][] minimums = [Table(7, 0.3, 0.4), Table(7, 0.2, 0.4), Table(7, 0.25, 0.4)];
        Assert.Equal(BruteForce(minimums, shares), MultinomialAdjuster.FailProbability(minimums, shares), 12);
    }

    [Fact]
    public void Adjust_OneGroup_IsTheSingleGroupAdjustment()
    {
        MultinomialAdjustment a = MultinomialAdjuster.Adjust(20, [0.25], 0.1);
        MTableAdjustment single = MTableAdjuster.Adjust(20, 0.25, 0.1);
        Assert.Equal(single.AdjustedAlpha, a.AdjustedAlpha);
        Assert.Equal(single.Table.Minimums, a.Tables[0].Minimums);
        Assert.Equal(0.0897, a.FailProbability, 4);
    }

    [Theory]
    [InlineData(20, 0.25, 0.25, 0.1)]
    [InlineData(40, 0.2, 0.3, 0.1)]
    [InlineData(30, 0.1, 0.05, 0.05)]
    public void Adjust_TwoGroups_MeetsAlpha_IsTheLargest_AndMonteCarloAgrees(int k, double p1, double p2, double alpha)
    {
        MultinomialAdjustment a = MultinomialAdjuster.Adjust(k, [p1, p2], alpha);
        Assert.True(a.FailProbability <= alpha, $"fail {a.FailProbability} > alpha {alpha}");
        Assert.True(a.NextFailProbability is null || a.NextFailProbability > alpha, $"the next alpha' fails {a.NextFailProbability}, not above {alpha}");

        int seed = TestSeed.Next();
        var rng = new Random(seed);
        const int trials = 100_000;
        int failed = 0;
        for (int t = 0; t < trials; t++)
        {
            int c1 = 0, c2 = 0;
            bool broke = false;
            for (int i = 1; i <= k && !broke; i++)
            {
                double u = rng.NextDouble();
                if (u < p1) c1++;
                else if (u < p1 + p2) c2++;
                broke = c1 < a.Tables[0].MinimumAt(i) || c2 < a.Tables[1].MinimumAt(i);
            }
            if (broke) failed++;
        }
        double rate = (double)failed / trials, sigma = Math.Sqrt(a.FailProbability * (1 - a.FailProbability) / trials);
        Assert.True(Math.Abs(rate - a.FailProbability) < 5 * sigma + 1e-9, $"Monte Carlo {rate} vs exact {a.FailProbability}, {TestSeed.Describe(seed)}");
    }

    [Fact]
    public void Adjust_EqualShares_IsNoStricterThanNeeded_AndAtLeastTheUnionBoundsTables()
    {
        const int k = 30;
        const double p = 0.25, alpha = 0.1;
        MultinomialAdjustment exact = MultinomialAdjuster.Adjust(k, [p, p], alpha);
        MTable union = MTableAdjuster.Adjust(k, p, alpha / 2).Table;
        double unionFail = MultinomialAdjuster.FailProbability([[.. union.Minimums], [.. union.Minimums]], [p, p]);
        Assert.True(unionFail <= exact.FailProbability && exact.FailProbability <= alpha, $"union {unionFail}, exact {exact.FailProbability}");
        Assert.True(exact.AdjustedAlpha >= union.Alpha, $"exact alpha' {exact.AdjustedAlpha} below the union bound's {union.Alpha}");
        for (int i = 0; i < k; i++) Assert.True(exact.Tables[0].Minimums[i] >= union.Minimums[i], $"prefix {i + 1}");
    }

    [Fact]
    public void Adjust_BadInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MultinomialAdjuster.Adjust(20, [0.6, 0.5], 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultinomialAdjuster.Adjust(20, [], 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MultinomialAdjuster.Adjust(200, [0.1, 0.1, 0.1, 0.1], 0.1)); // 201^4 cells
        Assert.False(MultinomialAdjuster.Fits(200, 4));
        Assert.True(MultinomialAdjuster.Fits(2000, 2));
    }

    private static IRankerStage Stage(FakeServices services, string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return new FairRanker().CreateStage(doc.RootElement.Clone(), services);
    }

    [Theory]
    [InlineData("Exact")]
    [InlineData("UnionBound")]
    public void Stage_TwoGroups_UsesTheAskedAdjustment_AndMeetsItsTables(string adjustment)
    {
        var services = new FakeServices("/nonexistent");
        for (int i = 0; i < 40; i++)
            services.Catalog.Add("c" + i, "T" + i, ("provider", i >= 28 ? (i % 2 == 0 ? "indie" : "local") : "big"));
        IRankerStage stage = Stage(services, $$"""{ "groups": "indie=0.25,local=0.25", "alpha": 0.1, "groupAdjustment": "{{adjustment}}" }""");
        List<Candidate> list = Requests.Candidates(40);
        Requests.Run(stage, Requests.For(20), list);

        MTable[] tables = adjustment == "Exact"
            ? [.. MultinomialAdjuster.Adjust(20, [0.25, 0.25], 0.1).Tables]
            : [MTableAdjuster.Adjust(20, 0.25, 0.05).Table, MTableAdjuster.Adjust(20, 0.25, 0.05).Table];
        var alphas = list.Where(c => c.Features.ContainsKey("fair.alpha")).Select(c => c.Features["fair.alpha"]).Distinct().ToList();
        Assert.Equal([tables[0].Alpha], alphas);
        int indie = 0, local = 0;
        for (int i = 1; i <= 20; i++)
        {
            string provider = services.Catalog.Fields(list[i - 1].ItemId)["provider"][0];
            if (provider == "indie") indie++;
            if (provider == "local") local++;
            Assert.True(indie >= tables[0].MinimumAt(i) && local >= tables[1].MinimumAt(i), $"top {i}: indie {indie}, local {local}");
        }
    }

    [Fact]
    public void Stage_TooManyCellsForExact_FallsBackToTheUnionBound_WithOneWarning()
    {
        var services = new FakeServices("/nonexistent");
        for (int i = 0; i < 300; i++) services.Catalog.Add("c" + i, "T" + i, ("provider", "g" + (i % 5)));
        IRankerStage stage = Stage(services, """{ "groups": "g1=0.1,g2=0.1,g3=0.1,g4=0.1", "alpha": 0.1 }""");
        Requests.Run(stage, Requests.For(200), Requests.Candidates(300));
        Requests.Run(stage, Requests.For(200), Requests.Candidates(300));
        Assert.Single(services.Lines.Warnings, w => w.Contains("too many for the exact adjustment", StringComparison.Ordinal));
    }
}
