using LuceneReco.Host.Offline.Evaluation;

namespace LuceneReco.Host.Tests.Offline.Evaluation;

public sealed class DiversityMetricsTests
{
    private static double Sim(string a, string b) => (a, b) switch
    {
        ("a", "b") or ("b", "a") => 0.2,
        ("b", "c") or ("c", "b") => 1.0,
        _ => 0.0,
    };

    [Fact]
    public void IntraList_ThreeItems_IsTheMeanPairDistance()
    {
        // distances: a-b 0.8, a-c 1, b-c 0  ->  1.8 / 3
        Assert.Equal(0.6, ListDiversity.IntraList(["a", "b", "c"], 10, Sim), 12);
    }

    [Fact]
    public void IntraList_CutAtK_JudgesOnlyTheTopPairs()
    {
        Assert.Equal(0.8, ListDiversity.IntraList(["a", "b", "c"], 2, Sim), 12);
    }

    [Fact]
    public void IntraList_OneItem_IsNaN()
    {
        Assert.True(double.IsNaN(ListDiversity.IntraList(["a"], 10, Sim)));
    }

    [Fact]
    public void Jaccard_OverlappingSets_SharedOverUnion()
    {
        Assert.Equal(1.0 / 3, ListDiversity.Jaccard(new HashSet<string> { "x", "y" }, new HashSet<string> { "y", "z" }), 12);
        Assert.Equal(0, ListDiversity.Jaccard(new HashSet<string>(), new HashSet<string>()));
    }

    private static readonly Dictionary<string, string[]> Topics = new()
    {
        ["a"] = ["A"], ["b"] = ["A"], ["c"] = ["B"], ["n"] = [], ["x"] = ["A", "B"],
    };

    private static IReadOnlyCollection<string> TopicsOf(string item) => Topics[item];

    [Fact]
    public void AlphaNdcg_RepeatedSubtopic_IsDiscountedAgainstTheGreedyIdeal()
    {
        // DCG: a 1/log2(2) + b 0.5/log2(3) + c 1/log2(4); ideal (greedy): a, c, b = 1 + 1/log2(3) + 0.5/log2(4).
        double dcg = 1 + 0.5 / Math.Log2(3) + 0.5;
        double ideal = 1 + 1 / Math.Log2(3) + 0.25;
        double value = AlphaNdcg.Compute(["a", "b", "c"], new HashSet<string> { "a", "b", "c" }, TopicsOf, 10, 0.5);
        Assert.Equal(dcg / ideal, value, 12);
        Assert.Equal(0.965195, value, 5);
    }

    [Fact]
    public void AlphaNdcg_DiverseOrder_IsOne()
    {
        Assert.Equal(1, AlphaNdcg.Compute(["a", "c", "b"], new HashSet<string> { "a", "b", "c" }, TopicsOf, 10, 0.5), 12);
    }

    [Fact]
    public void AlphaNdcg_IrrelevantItemsGainNothing_UncategorisedRelevantItemsCountOnce()
    {
        // relevant {n (no subtopic: one of its own), c}; list: a (irrelevant), n, c -> (1/log2(3) + 1/log2(4)) / (1 + 1/log2(3))
        double value = AlphaNdcg.Compute(["a", "n", "c"], new HashSet<string> { "n", "c" }, TopicsOf, 10, 0.5);
        Assert.Equal((1 / Math.Log2(3) + 0.5) / (1 + 1 / Math.Log2(3)), value, 12);
    }

    [Fact]
    public void AlphaNdcg_AlphaZero_CountsEverySubtopicHit()
    {
        // x covers A and B: gain 2 at rank 1; a: 1 at rank 2. Ideal is the same order.
        Assert.Equal(1, AlphaNdcg.Compute(["x", "a"], new HashSet<string> { "x", "a" }, TopicsOf, 10, 0), 12);
        double reversed = AlphaNdcg.Compute(["a", "x"], new HashSet<string> { "x", "a" }, TopicsOf, 10, 0);
        Assert.Equal((1 + 2 / Math.Log2(3)) / (2 + 1 / Math.Log2(3)), reversed, 12);
    }
}
