using LuceneReco.Host.Offline.Evaluation;

namespace LuceneReco.Host.Tests.Offline.Evaluation;

public sealed class FairnessMetricsTests
{
    [Fact]
    public void Gini_OneHoldsEverything_IsOneMinusOneOverN()
    {
        Assert.Equal(0.75, ExposureMetrics.Gini([0, 0, 0, 1]), 12);
    }

    [Fact]
    public void Gini_OneTwoThree_MatchesTheMeanAbsoluteDifference()
    {
        // sum over ordered pairs |xi - xj| = 8; 2 n^2 mean = 36
        Assert.Equal(8.0 / 36, ExposureMetrics.Gini([3, 1, 2]), 12);
        Assert.Equal(0, ExposureMetrics.Gini([2, 2, 2]));
    }

    [Fact]
    public void Gini_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExposureMetrics.Gini([1, -1]));
    }

    [Fact]
    public void ItemExposure_SumsOneOverLog2OnePlusRank()
    {
        var exposure = ExposureMetrics.ItemExposure([["a", "b"], ["b", "c", "d"]], 2);
        Assert.Equal(1, exposure["a"], 12);
        Assert.Equal(1 + 1 / Math.Log2(3), exposure["b"], 12);
        Assert.Equal(1 / Math.Log2(3), exposure["c"], 12);
        Assert.False(exposure.ContainsKey("d"));
    }

    [Fact]
    public void GroupRatio_HeadAndTail_IsTheLeastExposedGroupsMeanOverTheMost()
    {
        var exposure = ExposureMetrics.ItemExposure([["a", "b"], ["b", "c"]], 2);
        var (ratio, perItem) = ExposureMetrics.GroupRatio(exposure, ["a", "b", "c", "d"], i => i is "a" or "b" ? "head" : "tail");
        double head = (1 + 1 + 1 / Math.Log2(3)) / 2, tail = 1 / Math.Log2(3) / 2;
        Assert.Equal(head, perItem["head"], 12);
        Assert.Equal(tail, perItem["tail"], 12);
        Assert.Equal(tail / head, ratio, 12);
        Assert.Equal(0.239812, ratio, 5);
    }

    [Fact]
    public void GroupGini_NeverShownItemsCountAsZero()
    {
        var exposure = new Dictionary<string, double> { ["a"] = 2 };
        Assert.Equal(0.5, ExposureMetrics.GroupGini(exposure, ["a", "b"], i => i), 12);
        Assert.Equal(0, ExposureMetrics.GroupGini(exposure, ["a", "b"], _ => "all"), 12);
    }

    private static readonly Dictionary<string, string[]> Cats = new() { ["h1"] = ["A"], ["h2"] = ["A", "B"], ["x"] = ["B"], ["n"] = [] };

    private static IReadOnlyCollection<string> CatsOf(string item) => Cats[item];

    [Fact]
    public void Distribution_SplitsAnItemEvenlyOverItsCategories_SkipsUncategorised()
    {
        var p = CalibrationMetrics.Distribution(["h1", "h2", "n"], CatsOf);
        Assert.Equal(0.75, p["A"], 12);
        Assert.Equal(0.25, p["B"], 12);
    }

    [Fact]
    public void KlDivergence_ListMissesACategory_SmoothedAsSteck()
    {
        var p = CalibrationMetrics.Distribution(["h1", "h2"], CatsOf);
        var q = CalibrationMetrics.Distribution(["x"], CatsOf);
        // q~(A) = 0.01 * 0.75, q~(B) = 0.99 + 0.01 * 0.25
        double expected = 0.75 * Math.Log(0.75 / 0.0075) + 0.25 * Math.Log(0.25 / 0.9925);
        Assert.Equal(expected, CalibrationMetrics.KlDivergence(p, q, 0.01), 12);
        Assert.Equal(3.109186, CalibrationMetrics.KlDivergence(p, q, 0.01), 5);
    }

    [Fact]
    public void KlDivergence_SameMix_IsZero()
    {
        var p = CalibrationMetrics.Distribution(["h1", "h2"], CatsOf);
        Assert.Equal(0, CalibrationMetrics.KlDivergence(p, p), 12);
    }

    [Fact]
    public void ByActivity_BelowTheMedianIsLight()
    {
        Assert.Equal(["light", "heavy", "light", "heavy"], UserGroups.ByActivity([1, 5, 3, 10]));
    }

    [Fact]
    public void Gap_IsTheLargestDifferenceOfGroupMeans_UngroupedUsersLeftOut()
    {
        var (gap, means) = UserGroups.Gap([0.1, 0.5, 0.3, 0.9, 7], ["light", "heavy", "light", "heavy", null]);
        Assert.Equal(0.2, means["light"], 12);
        Assert.Equal(0.7, means["heavy"], 12);
        Assert.Equal(0.5, gap, 12);
    }
}
