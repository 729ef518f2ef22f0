using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Tests.FeatureLog;

/// <summary>Propensities estimated from randomised lists come close to the ones clicks were simulated with.</summary>
public sealed class PositionBiasTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Estimate_SimulatedPositionBasedClicks_RecoversThePropensities()
    {
        const int seed = 20261201;
        var random = new Random(seed);
        const int top = 5;
        double[] truth = [1, 0.6, 0.4, 0.3, 0.2]; // p(k), unknown to the estimator
        var lists = new List<LabelledList>();
        for (int l = 0; l < 20_000; l++)
        {
            bool randomised = l % 4 == 0;
            var items = new ServedItem[top];
            var labels = new double[top];
            for (int k = 0; k < top; k++)
            {
                // ranked lists put the relevant first; randomised lists show relevance independent of the place
                double relevance = randomised ? 0.5 : (k < 2 ? 0.9 : 0.1);
                items[k] = new ServedItem($"i{k}", k + 1, 0, new Dictionary<string, double>());
                labels[k] = random.NextDouble() < truth[k] * relevance ? 1 : 0;
            }
            lists.Add(new LabelledList(new ServedList($"r{l}", "p", "u", T0, randomised ? top : 0, items), labels));
        }
        var bias = PositionBias.Estimate(lists);
        Assert.NotNull(bias);
        Assert.Equal(5_000, bias.RandomisedLists);
        for (int k = 1; k <= top; k++)
            Assert.True(Math.Abs(bias.Propensity(k) - truth[k - 1]) < 0.05, $"position {k}: {bias.Propensity(k)} vs {truth[k - 1]}, seed {seed}");
        Assert.Equal(bias.Propensity(top), bias.Propensity(top + 3)); // past the randomised places: the last estimate
        Assert.Equal(1 / bias.Propensity(3), bias.Weight(3, 1, maxWeight: 100), 12);
        Assert.Equal(1, bias.Weight(3, 0, maxWeight: 100));
        Assert.Equal(2, bias.Weight(5, 1, maxWeight: 2));
    }

    [Fact]
    public void Estimate_NoRandomisedList_IsNull()
    {
        var list = new LabelledList(new ServedList("r", "p", "u", T0, 0, [new ServedItem("a", 1, 0, new Dictionary<string, double>())]), [1.0]);
        Assert.Null(PositionBias.Estimate([list]));
    }
}
