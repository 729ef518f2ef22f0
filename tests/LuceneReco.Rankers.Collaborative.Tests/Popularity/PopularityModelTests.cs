using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Popularity;

namespace LuceneReco.Rankers.Collaborative.Tests.Popularity;

public sealed class PopularityModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static Interaction E(string user, string item, double daysAgo, string kind = "view", double weight = 1) =>
        new(user, item, kind, weight, Now.AddDays(-daysAgo));

    [Fact]
    public void Popular_CountsDistinctUsers_Trending_DecaysByHalfLife_AndWeighsKinds()
    {
        // "old" has three users a month ago; "new" one user today; "bought" one purchase a week ago.
        var events = new[]
        {
            E("u1", "old", 28), E("u2", "old", 28), E("u3", "old", 28), E("u3", "old", 28),
            E("u1", "new", 0),
            E("u2", "bought", 7, "purchase"),
        };
        var model = PopularityModel.Train(events, new PopularityOptions { HalfLifeDays = 7 });
        float Score(float[] scores, string item) => scores[model.Items.IndexOf(item)];

        Assert.Equal(3, Score(model.Popular, "old")); // the repeated event of u3 counts one user
        Assert.Equal(4 * Math.Pow(0.5, 4), Score(model.Trending, "old"), 5); // four events, four half-lives ago
        Assert.Equal(1, Score(model.Trending, "new"), 5);
        Assert.Equal(5 * 0.5, Score(model.Trending, "bought"), 5); // purchase weighs 5, one half-life ago
        Assert.Equal(["old", "bought", "new"], Ids(model, PopularityOrder.Popular)); // ties by id
        Assert.Equal(["bought", "new", "old"], Ids(model, PopularityOrder.Trending));
    }

    [Fact]
    public void Options_FromSettings_ParseWeightsAndHalfLife_AndReportEveryProblem()
    {
        var options = PopularityOptions.From(new Dictionary<string, string> { ["half-life-days"] = "3", ["kind-weights"] = "click=2, view=0.5" });
        Assert.Equal(3, options.HalfLifeDays);
        Assert.Equal(2, options.KindWeight("click"));
        Assert.Equal(1, options.KindWeight("purchase")); // a given map replaces the defaults
        var e = Assert.Throws<ArgumentException>(() => PopularityOptions.From(new Dictionary<string, string> { ["half-life-days"] = "0", ["kind-weights"] = "click" }));
        Assert.Contains("half-life-days must be a positive number, got '0'", e.Message);
        Assert.Contains("kind-weights must be KIND=WEIGHT pairs", e.Message);
    }

    private static List<string> Ids(PopularityModel model, PopularityOrder order)
    {
        var ids = new List<string>();
        foreach (int i in model.Ranked(order)) ids.Add(model.Items[i]);
        return ids;
    }
}
