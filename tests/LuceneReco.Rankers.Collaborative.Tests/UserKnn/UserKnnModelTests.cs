using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.UserKnn;
using static LuceneReco.Rankers.Collaborative.Tests.Support.Events;

namespace LuceneReco.Rankers.Collaborative.Tests.UserKnn;

/// <summary>
/// Hand-computed examples (shrink 0). Cosine, binary: u1 = {a, b}, u2 = {a, c}, u3 = {b, c, d}; a history {a, b} has
/// sim(u1) = 2 / (sqrt 2 sqrt 2) = 1, sim(u2) = 1 / 2 = 0.5, sim(u3) = 1 / (sqrt 2 sqrt 3) = 0.4082.
/// Pearson, ratings: u1 = {a 5, b 1, c 3} (mean 3), u2 = {a 4, b 2, d 5} (mean 11/3); a history {a 4, b 2} (mean 3) has
/// deviations (+1, -1): with u1 (+2, -2) sim = 4 / sqrt(2 * 8) = 1; with u2 (1/3, -5/3) sim = 2 / sqrt(2 * 26/9) = 0.83205.
/// </summary>
public sealed class UserKnnModelTests
{
    private static readonly double Third = 1 / Math.Sqrt(6);

    private static UserKnnModel Cosine(int neighbours) => UserKnnModel.Train(InteractionMatrix.Build(
        [E("u1", "a"), E("u1", "b"), E("u2", "a"), E("u2", "c"), E("u3", "b"), E("u3", "c"), E("u3", "d")]),
        new UserKnnOptions { Neighbours = neighbours, Shrink = 0 });

    private static UserKnnModel Pearson() => UserKnnModel.Train(InteractionMatrix.Build(
        [E("u1", "a", 5), E("u1", "b", 1), E("u1", "c", 3), E("u2", "a", 4), E("u2", "b", 2), E("u2", "d", 5)]),
        new UserKnnOptions { Neighbours = 10, Shrink = 0, Similarity = UserSimilarity.Pearson });

    private static readonly List<WeightedItem> AB = [new("a", 1), new("b", 1)];

    [Fact]
    public void Neighbours_Cosine_MatchTheHandComputedSimilarities()
    {
        var n = Cosine(10).Neighbours(AB);

        Assert.Equal(["u1", "u2", "u3"], n.Select(x => x.UserId));
        Assert.Equal(1, n[0].Similarity, 5);
        Assert.Equal(0.5, n[1].Similarity, 5);
        Assert.Equal(Third, n[2].Similarity, 5);
    }

    [Fact]
    public void Recommend_TwoNeighbours_ScoresOnlyWhatTheyChose()
    {
        List<ScoredItem> top = Cosine(2).Recommend(AB, 10);

        var item = Assert.Single(top); // u1 and u2 are the neighbours; u1 adds only seen items, u2 adds c
        Assert.Equal("c", item.ItemId);
        Assert.Equal(0.5, item.Score, 5);
    }

    [Fact]
    public void Recommend_ThreeNeighbours_SumsSimilarityTimesStrength()
    {
        List<ScoredItem> top = Cosine(3).Recommend(AB, 10);

        Assert.Equal(["c", "d"], top.Select(s => s.ItemId));
        Assert.Equal(0.5 + Third, top[0].Score, 5);
        Assert.Equal(Third, top[1].Score, 5);
    }

    [Fact]
    public void Recommend_TheAskingUser_IsNotTheirOwnNeighbour()
    {
        List<ScoredItem> top = Cosine(2).Recommend(AB, 10, selfId: "u1");

        Assert.Equal(["c", "d"], top.Select(s => s.ItemId)); // u2 (0.5) and u3 (0.4082) instead of u1
        Assert.Equal(0.5 + Third, top[0].Score, 5);
    }

    [Fact]
    public void Pearson_MatchesTheHandComputedCorrelations_AndScoresDeviations()
    {
        UserKnnModel model = Pearson();
        var history = new List<WeightedItem> { new("a", 4), new("b", 2) };

        var n = model.Neighbours(history);
        ExplainedScore[] scores = model.Score(history, ["c", "d", "zz"], explainTop: 2);

        Assert.Equal(["u1", "u2"], n.Select(x => x.UserId));
        Assert.Equal(1, n[0].Similarity, 5);
        Assert.Equal(2 / Math.Sqrt(52.0 / 9), n[1].Similarity, 5);
        Assert.Equal(0, scores[0].Score, 5);                                  // u1's c is at u1's mean
        Assert.Equal(2 / Math.Sqrt(52.0 / 9) * (5 - 11.0 / 3), scores[1].Score, 5); // u2's d is 4/3 above u2's mean
        Assert.False(scores[2].Known);
        Assert.Equal(["a", "b"], scores[1].Contributions.Select(c => c.ItemId).Order(StringComparer.Ordinal)); // shared with u2
    }
}
