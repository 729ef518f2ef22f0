using LuceneReco.Index.Search;

namespace LuceneReco.Index.Tests.Search;

/// <summary>Ranges over the numeric field price (apple 1.5, pear 2, pie 10, car 20000, whale1 10, whale2 10; bike and usa have none).</summary>
public sealed class NumericRangeQueryTests(SmallIndex index) : IClassFixture<SmallIndex>
{
    private string[] Match(double? min, double? max) =>
        index.Ids(index.Searcher().Search(new NumericRangeQuery("price", min, max), 100)).Order().ToArray();

    [Fact]
    public void Range_BothBounds_AreInclusive()
    {
        Assert.Equal(["car", "pie", "whale1", "whale2"], Match(10, 20000));
        Assert.Equal(["apple"], Match(1.5, 1.5));
    }

    [Fact]
    public void Range_JustOutsideABound_Excludes()
    {
        Assert.Equal(["car"], Match(Math.BitIncrement(10), 20000));
        Assert.Equal(["apple", "pear"], Match(null, Math.BitDecrement(10)));
    }

    [Fact]
    public void Range_OpenBelow_MatchesEverythingUpToMax()
    {
        Assert.Equal(["apple", "pear"], Match(null, 2));
    }

    [Fact]
    public void Range_OpenAbove_MatchesEverythingFromMin()
    {
        Assert.Equal(["car"], Match(10.5, null));
    }

    [Fact]
    public void Range_OpenOnBothSides_MatchesOnlyDocsWithAValue()
    {
        Assert.Equal(["apple", "car", "pear", "pie", "whale1", "whale2"], Match(null, null));
    }

    [Fact]
    public void Range_MinAboveMax_MatchesNothing()
    {
        Assert.Empty(Match(20, 10));
    }

    [Fact]
    public void Range_Score_IsTheBoostAndTiesAreInDocOrder()
    {
        var top = index.Searcher().Search(new NumericRangeQuery("price", 10, 10) { Boost = 2.5f }, 100);
        Assert.All(top.Hits, h => Assert.Equal(2.5f, h.Score));
        Assert.Equal(["pie", "whale1", "whale2"], index.Ids(top));
    }

    [Fact]
    public void Range_AsFilter_RestrictsATextQuery()
    {
        var q = new BooleanQuery([new(SmallIndex.Body("red"), Occur.Must), new(new NumericRangeQuery("price", 100, null), Occur.Filter)]);
        Assert.Equal(["car"], index.Ids(index.Searcher().Search(q, 100)));
    }
}
