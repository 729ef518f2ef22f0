using LuceneReco.Plugins;
using LuceneReco.Host.Offline.Evaluation;
using static LuceneReco.Rankers.Collaborative.Tests.Support.Events;

namespace LuceneReco.Rankers.Collaborative.Tests.Evaluation;

public sealed class SplitAndEvaluatorTests
{
    [Fact]
    public void NewestPerUser_HoldsOutEachUsersNewestFifth()
    {
        var events = new List<Interaction>();
        for (int s = 0; s < 10; s++) events.Add(E("u1", "i" + s, second: 100 - s)); // i0 is the newest
        for (int s = 0; s < 4; s++) events.Add(E("u2", "j" + s, second: s));

        Split split = InteractionSplit.NewestPerUser(events, 0.2);

        Assert.Equal(["i0", "i1"], split.Test.Select(e => e.ItemId).Order());
        Assert.Equal(12, split.Train.Count); // u2: floor(4 * 0.2) = 0 held out
        Assert.All(split.Train.Where(e => e.UserId == "u1"), e => Assert.True(e.Timestamp < split.Test.Min(t => t.Timestamp)));
    }

    [Fact]
    public void Random_IsSeeded_AndHoldsOutTheFraction()
    {
        var events = Enumerable.Range(0, 100).Select(k => E("u" + (k % 7), "i" + k)).ToList();

        Split a = InteractionSplit.Random(events, 0.25, seed: 3), b = InteractionSplit.Random(events, 0.25, seed: 3), c = InteractionSplit.Random(events, 0.25, seed: 4);

        Assert.Equal(25, a.Test.Count);
        Assert.Equal(75, a.Train.Count);
        Assert.Equal(a.Test, b.Test);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Fact]
    public void Evaluate_JudgesOnlyNewItems_OfUsersWithHistory()
    {
        var split = new Split(
            Train: [E("u1", "a"), E("u1", "b"), E("u2", "a")],
            Test: [E("u1", "c"), E("u1", "a"), E("u2", "a"), E("u3", "c")]); // u1's a is seen; u2 has nothing new; u3 has no history

        var asked = new List<string>();
        EvaluationReport report = OfflineEvaluator.Evaluate(split, (user, history, k) =>
        {
            asked.Add(user);
            return ["b", "c"];
        }, k: 2);

        Assert.Equal(["u1"], asked);
        Assert.Equal(1, report.Users);
        Assert.Equal(1 / Math.Log2(3), report.Ndcg, 12); // c at rank 2 of one relevant
        Assert.Equal(1, report.Recall);
        Assert.Equal(0.5, report.Mrr);
        Assert.Equal(1.0, report.Coverage); // b and c: two distinct items over a two-item training catalogue (a, b)
    }

    [Fact]
    public void Popularity_RanksByDistinctUsers_TiesById()
    {
        var pop = new PopularityRecommender([E("u1", "b"), E("u1", "b"), E("u2", "c"), E("u3", "c"), E("u1", "a")]);

        Assert.Equal(["c", "a", "b"], pop.Recommend(null, 3));
        Assert.Equal(["a"], pop.Recommend(new HashSet<string> { "c" }, 1));
    }
}
