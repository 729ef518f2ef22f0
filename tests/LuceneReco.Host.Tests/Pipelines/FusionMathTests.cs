using LuceneReco.Host.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>Fusion on hand-worked examples.</summary>
public sealed class FusionMathTests
{
    private static SourceHits List(string source, double weight, params (string Id, double Score)[] hits) =>
        new(source, weight, hits.Select((h, i) => new RecallHit(i, h.Id, h.Score, new Reason("", $"{source} found {h.Id}"))).ToList());

    [Fact]
    public void Rrf_SumsWeightOverKPlusRank()
    {
        // search: a(1) b(2) c(3); profile (weight 0.5): c(1) a(2)
        var fused = FusionMath.Fuse(
            [List("search", 1, ("a", 9), ("b", 5), ("c", 1)), List("profile", 0.5, ("c", 3), ("a", 2))],
            FusionMethod.Rrf, rrfK: 60);

        double a = 1.0 / 61 + 0.5 / 62, b = 1.0 / 62, c = 1.0 / 63 + 0.5 / 61;
        Assert.Equal(["a", "c", "b"], fused.Select(x => x.ItemId));
        Assert.Equal([a, c, b], fused.Select(x => x.Score), (x, y) => Math.Abs(x - y) < 1e-15);
        var first = fused[0];
        Assert.Equal(9, first.StageScores["search"]);
        Assert.Equal(2, first.StageScores["profile"]);
        Assert.Equal(a, first.StageScores["fusion"], 15);
        Assert.Equal(1, first.Features["search.rank"]);
        Assert.Equal(2, first.Features["profile.rank"]);
        Assert.Equal(["search: search found a", "profile: profile found a"], first.Explanations);
        Assert.Equal([1.0 / 61, 0.5 / 62], first.Reasons.Select(r => r.Contribution!.Value), (x, y) => Math.Abs(x - y) < 1e-15);
        Assert.Equal(["search: score 9, rank 1, rrf 1 / (60 + 1) = 0.01639", "profile: score 2, rank 2, rrf 0.5 / (60 + 2) = 0.00806"], first.DebugLines);
    }

    [Fact]
    public void WeightedSum_AddsWeightedMinMaxNormalisedScores()
    {
        // search scores 10, 6, 2 -> 1, 0.5, 0; similar (weight 2) scores 4, 3 -> 1, 0
        var fused = FusionMath.Fuse(
            [List("search", 1, ("a", 10), ("b", 6), ("c", 2)), List("similar", 2, ("c", 4), ("b", 3))],
            FusionMethod.WeightedSum, rrfK: 60);

        Assert.Equal(["c", "a", "b"], fused.Select(x => x.ItemId));
        Assert.Equal([2.0, 1.0, 0.5], fused.Select(x => x.Score));
    }

    [Fact]
    public void WeightedSum_EqualScores_NormaliseToOne()
    {
        var fused = FusionMath.Fuse([List("search", 0.25, ("a", 3), ("b", 3))], FusionMethod.WeightedSum, rrfK: 60);
        Assert.All(fused, c => Assert.Equal(0.25, c.Score));
    }

    [Fact]
    public void Ties_AreBrokenByItemId()
    {
        var fused = FusionMath.Fuse([List("search", 1, ("z", 1)), List("profile", 1, ("m", 1))], FusionMethod.Rrf, rrfK: 60);
        Assert.Equal(["m", "z"], fused.Select(x => x.ItemId));
    }

    [Fact]
    public void NoLists_FuseToNothing() => Assert.Empty(FusionMath.Fuse([], FusionMethod.Rrf, 60));

    [Theory]
    [InlineData("rrf", "Rrf")]
    [InlineData("RRF", "Rrf")]
    [InlineData("weighted", "WeightedSum")]
    public void Parse_KnowsTheMethods(string name, string expected) => Assert.Equal(expected, FusionMath.Parse(name).ToString());

    [Fact]
    public void Parse_Unknown_IsNull() => Assert.Null(FusionMath.Parse("max"));
}
