using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;
using static LuceneReco.Rankers.Collaborative.Tests.Support.Events;

namespace LuceneReco.Rankers.Collaborative.Tests.Knn;

/// <summary>
/// The 4 x 4 example, by hand. Users (rows) x items a b c d, all weights 1:
/// u1 = {a, b}, u2 = {a, b, c}, u3 = {b, c, d}, u4 = {c, d}.
/// Norms |a| = |d| = sqrt 2, |b| = |c| = sqrt 3. Dots a.b = 2, a.c = 1, a.d = 0, b.c = 2, b.d = 1, c.d = 2.
/// With shrink 1: sim(a,b) = sim(c,d) = 2 / (sqrt 6 + 1), sim(a,c) = sim(b,d) = 1 / (sqrt 6 + 1), sim(b,c) = 2 / (3 + 1) = 0.5.
/// Top 2 per item: a -> b, c; b -> a, c (d cut); c -> d, b (a cut); d -> c, b.
/// </summary>
public sealed class ItemKnnModelTests
{
    private static readonly double Strong = 2 / (Math.Sqrt(6) + 1); // 0.5798
    private static readonly double Weak = 1 / (Math.Sqrt(6) + 1);   // 0.2899

    private static ItemKnnModel Model(int neighbours = 2, int threads = 2) =>
        ItemKnnModel.Train(InteractionMatrix.Build(
            [
                E("u1", "a"), E("u1", "b"),
                E("u2", "a"), E("u2", "b"), E("u2", "c"),
                E("u3", "b"), E("u3", "c"), E("u3", "d"),
                E("u4", "c"), E("u4", "d"),
            ]),
            new ItemKnnOptions { Neighbours = neighbours, Shrink = 1, MaxDegreeOfParallelism = threads });

    [Fact]
    public void Neighbours_AreShrunkCosine_TruncatedToTopN()
    {
        ItemKnnModel m = Model();

        AssertList([("b", Strong), ("c", Weak)], m.Neighbours("a", 10));
        AssertList([("a", Strong), ("c", 0.5)], m.Neighbours("b", 10));
        AssertList([("d", Strong), ("b", 0.5)], m.Neighbours("c", 10));
        AssertList([("c", Strong), ("b", Weak)], m.Neighbours("d", 10));
        Assert.Empty(m.Neighbours("zz", 10));
    }

    [Fact]
    public void Neighbours_WithoutTruncation_KeepEveryPositiveSimilarity()
    {
        ItemKnnModel m = Model(neighbours: 10, threads: 1);

        AssertList([("a", Strong), ("c", 0.5), ("d", Weak)], m.Neighbours("b", 10));
        AssertList([("b", Strong), ("c", Weak)], m.Neighbours("a", 10)); // a.d = 0: not a neighbour
    }

    [Fact]
    public void Recommend_SumsWeightTimesSimilarity_OverTheHistorysNeighbourLists()
    {
        ItemKnnModel m = Model();
        // History a (weight 1), d (weight 3): b = 1 * sim(a,b) + 3 * sim(d,b) = Strong + 3 Weak; c = 1 * Weak + 3 * Strong.
        List<ScoredItem> top = m.Recommend([new("a", 1), new("d", 3)], 10);

        AssertList([("c", Weak + 3 * Strong), ("b", Strong + 3 * Weak)], top);
    }

    [Fact]
    public void Recommend_KeepsSeenItemsWhenAsked()
    {
        ItemKnnModel m = Model();

        List<ScoredItem> top = m.Recommend([new("a", 1), new("b", 1)], 10, excludeSeen: false);

        // a gets sim(b,a) = Strong, b gets sim(a,b) = Strong, c gets Weak + 0.5; tie a/b broken by item number (a first).
        AssertList([("c", Weak + 0.5), ("a", Strong), ("b", Strong)], top);
    }

    [Fact]
    public void Score_EqualsRecommend_AndNamesTheContributions()
    {
        ItemKnnModel m = Model();

        ExplainedScore[] scores = m.Score([new("a", 1), new("d", 3)], ["b", "c", "a", "nope"], explainTop: 3);

        Assert.Equal(Strong + 3 * Weak, scores[0].Score, 6);
        AssertList([("d", 3 * Weak), ("a", Strong)], scores[0].Contributions.ToList()); // the larger contribution first
        Assert.Equal(Weak + 3 * Strong, scores[1].Score, 6);
        AssertList([("d", 3 * Strong), ("a", Weak)], scores[1].Contributions.ToList());
        Assert.True(scores[2].Known);
        Assert.Equal(0, scores[2].Score); // a is in no history item's list (d -> c, b)
        Assert.False(scores[3].Known);
    }

    [Fact]
    public void Training_IsTheSameOnOneThreadAndTwo()
    {
        ItemKnnModel one = Model(neighbours: 3, threads: 1), two = Model(neighbours: 3, threads: 2);

        foreach (string item in new[] { "a", "b", "c", "d" })
            Assert.Equal(one.Neighbours(item, 5), two.Neighbours(item, 5));
    }

    private static void AssertList((string Id, double Score)[] expected, List<ScoredItem> actual)
    {
        Assert.Equal(expected.Select(e => e.Id), actual.Select(a => a.ItemId));
        for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k].Score, actual[k].Score, 6);
    }
}
