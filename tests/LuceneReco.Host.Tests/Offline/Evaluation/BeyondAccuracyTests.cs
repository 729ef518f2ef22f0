using LuceneReco.Host.Offline.Evaluation;

namespace LuceneReco.Host.Tests.Offline.Evaluation;

public sealed class BeyondAccuracyTests
{
    private static MapCatalog Catalog() => new MapCatalog()
        .Add("a", "Action", "space laser", "p1")
        .Add("b", "Action", "space laser", "p1")
        .Add("c", "Drama,Romance", "love letter", "p2")
        .Add("d", "Drama", "love war", "p2")
        .Add("h", "Action", "space war", "p1");

    [Fact]
    public void ItemFeatures_SplitsCommaValues_AndIdenticalTextHasCosineOne()
    {
        var items = new ItemFeatures(Catalog(), ["body"]);
        Assert.Equal(["Drama", "Romance"], items.Values("c", "category"));
        Assert.Equal("Drama", items.First("c", "category", "-"));
        Assert.Equal(1, items.Cosine("a", "b"), 12);
        Assert.Equal(0, items.Cosine("a", "c"), 12);
        double cd = items.Cosine("c", "d");
        Assert.True(cd is > 0 and < 1, $"cosine c-d {cd}");
    }

    [Fact]
    public void Of_TwoUsers_EveryMetricAsComputedByHand()
    {
        var items = new ItemFeatures(Catalog(), ["body"]);
        // user 1 (history h, 1 item): a, b — same text, same category; user 2 (history h, d, c: 3 items): a, c.
        IReadOnlyList<IReadOnlyList<string>> lists = [["a", "b"], ["a", "c"]];
        var usersOfItem = new Dictionary<string, int> { ["h"] = 2, ["d"] = 1, ["c"] = 1, ["a"] = 0, ["b"] = 0 };
        var scores = BeyondAccuracy.Of(lists, ["u1", "u2"], [new HashSet<string> { "a" }, new HashSet<string> { "c" }],
            [["h"], ["h", "d", "c"]], usersOfItem, items, new BeyondAccuracyOptions { TextFields = ["body"] });

        Assert.Equal((0 + 1) / 2.0, scores.IldText, 12);
        Assert.Equal((0 + 1) / 2.0, scores.IldCategory, 12);
        // user 1: a relevant at rank 1 -> 1; user 2: c at rank 2, ideal at rank 1 -> 2/log2(3) / 2 (c covers Drama and Romance)
        Assert.Equal((1 + 1 / Math.Log2(3)) / 2, scores.AlphaNdcg, 12);
        // exposure: a 2, b 1/log2(3), c 1/log2(3), d 0, h 0 over 5 items
        double w = 1 / Math.Log2(3);
        Assert.Equal(ExposureMetrics.Gini([2, w, w, 0, 0]), scores.ItemGini, 12);
        Assert.Equal(ExposureMetrics.Gini([2 + w, w]), scores.ProviderGini, 12); // p1: a, b, h; p2: c, d
        // head = round(5 * 0.2) = 1 item: h (2 users); it is never shown
        Assert.Equal(0, scores.ExposureRatio, 12);
        Assert.Equal(0, scores.GroupExposure["head"], 12);
        // calibration: user 1 history all Action, list all Action -> 0; user 2 history Action 1/3, Drama 1/3 + 1/6, Romance 1/6
        var p = new Dictionary<string, double> { ["Action"] = 1 / 3.0, ["Drama"] = 0.5, ["Romance"] = 1 / 6.0 };
        var q = new Dictionary<string, double> { ["Action"] = 0.5, ["Drama"] = 0.25, ["Romance"] = 0.25 };
        Assert.Equal(CalibrationMetrics.KlDivergence(p, q) / 2, scores.CalibrationKl, 12);
        // NDCG: u1 (light, 1 item) 1; u2 (heavy, 3 items) 1/log2(3)
        Assert.Equal(1 - 1 / Math.Log2(3), scores.UserGap, 12);
        Assert.Equal(1, scores.UserGroupNdcg["light"], 12);
    }

    [Fact]
    public void Of_GivenUserGroups_GroupsByThem()
    {
        var items = new ItemFeatures(Catalog(), ["body"]);
        var scores = BeyondAccuracy.Of([["a", "b"], ["a", "c"]], ["u1", "u2"], [new HashSet<string> { "a" }, new HashSet<string> { "c" }],
            [["h"], ["h"]], new Dictionary<string, int> { ["h"] = 1 }, items,
            new BeyondAccuracyOptions { TextFields = ["body"], UserGroups = new Dictionary<string, string> { ["u1"] = "x", ["u2"] = "x" }, GroupField = "provider" });
        Assert.Equal(["x"], scores.UserGroupNdcg.Keys);
        Assert.True(double.IsNaN(scores.UserGap));
        // provider groups: p1 {a, b, h} mean (2 + w) / 3, p2 {c} w  (d is neither trained nor shown)
        double w = 1 / Math.Log2(3);
        Assert.Equal(w / ((2 + w) / 3), scores.ExposureRatio, 12);
    }
}
