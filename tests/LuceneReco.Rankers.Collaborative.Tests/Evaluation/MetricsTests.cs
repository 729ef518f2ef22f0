using LuceneReco.Host.Offline.Evaluation;

namespace LuceneReco.Rankers.Collaborative.Tests.Evaluation;

public sealed class MetricsTests
{
    private static readonly string[] Ranked = ["a", "b", "c", "d", "e"];
    private static readonly HashSet<string> Relevant = ["b", "e", "z"];

    [Fact]
    public void Ndcg_HandExample()
    {
        // DCG = 1/log2(3) + 1/log2(6); IDCG = 1/log2(2) + 1/log2(3) + 1/log2(4) (three relevant, k = 5).
        double expected = (1 / Math.Log2(3) + 1 / Math.Log2(6)) / (1 + 1 / Math.Log2(3) + 0.5);

        Assert.Equal(expected, RankingMetrics.Ndcg(Ranked, Relevant, 5), 12);
        Assert.Equal(0.4776, RankingMetrics.Ndcg(Ranked, Relevant, 5), 4);
        Assert.Equal(0, RankingMetrics.Ndcg(Ranked, Relevant, 1));
        Assert.Equal(1, RankingMetrics.Ndcg(["e", "z", "b", "a"], Relevant, 3), 12);
        Assert.Equal(1, RankingMetrics.Ndcg(["e", "a"], new HashSet<string> { "e" }, 10), 12);
    }

    [Fact]
    public void Recall_Precision_ReciprocalRank_HandExample()
    {
        Assert.Equal(2.0 / 3, RankingMetrics.Recall(Ranked, Relevant, 5), 12);
        Assert.Equal(1.0 / 3, RankingMetrics.Recall(Ranked, Relevant, 2), 12);
        Assert.Equal(2.0 / 5, RankingMetrics.Precision(Ranked, Relevant, 5), 12);
        Assert.Equal(0.5, RankingMetrics.ReciprocalRank(Ranked, Relevant, 5));
        Assert.Equal(0, RankingMetrics.ReciprocalRank(Ranked, Relevant, 1));
        Assert.Equal(0, RankingMetrics.Recall(Ranked, new HashSet<string>(), 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.Ndcg(Ranked, Relevant, 0));
    }

    [Fact]
    public void Coverage_IsDistinctRecommendedOverCatalogue()
    {
        Assert.Equal(0.3, CatalogueMetrics.Coverage([["a", "b"], ["b", "c"]], 10), 12);
    }

    [Fact]
    public void Novelty_IsMeanMinusLog2Popularity()
    {
        var usersOf = new Dictionary<string, int> { ["a"] = 1, ["b"] = 2, ["c"] = 4 };

        // 4 users: a -> -log2(1/4) = 2, b -> 1 (twice), c -> 0; unknown item x left out.
        Assert.Equal(1.0, CatalogueMetrics.Novelty([["a", "b"], ["b", "c", "x"]], usersOf, 4), 12);
    }
}
