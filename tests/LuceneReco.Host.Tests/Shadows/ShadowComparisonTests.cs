using LuceneReco.Host.Shadows;

namespace LuceneReco.Host.Tests.Shadows;

/// <summary>The shadow comparison's overlap and Kendall tau, against values worked by hand.</summary>
public sealed class ShadowComparisonTests
{
    [Fact]
    public void Overlap_IsTheShareOfTheServedListInTheShadowsListOfTheSameLength()
    {
        Assert.Equal(1.0, ShadowComparison.Overlap(["a", "b", "c"], ["c", "b", "a", "d"]));
        Assert.Equal(2.0 / 3, ShadowComparison.Overlap(["a", "b", "c"], ["a", "x", "b", "c"]), 12); // c is 4th: outside the first 3
        Assert.Equal(0.0, ShadowComparison.Overlap(["a"], []));
        Assert.Equal(1.0, ShadowComparison.Overlap([], []));
    }

    [Fact]
    public void KendallTau_IsOneForTheSameOrder_MinusOneReversed_NullWithoutAPair()
    {
        Assert.Equal(1.0, ShadowComparison.KendallTau(["a", "b", "c"], ["a", "x", "b", "c"]));
        Assert.Equal(-1.0, ShadowComparison.KendallTau(["a", "b", "c"], ["c", "b", "a"]));
        // pairs (a,b) concordant, (a,c) discordant, (b,c) discordant: (1 - 2) / 3
        Assert.Equal(-1.0 / 3, ShadowComparison.KendallTau(["a", "b", "c"], ["c", "a", "b"])!.Value, 12);
        Assert.Null(ShadowComparison.KendallTau(["a", "b"], ["a", "z"]));
    }
}
