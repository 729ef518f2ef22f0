using LuceneReco.Index.Search;

namespace LuceneReco.Index.Tests.Search;

/// <summary>Programmer errors in queries throw before any work, naming the field or value.</summary>
public sealed class BadQueryTests(SmallIndex index) : IClassFixture<SmallIndex>
{
    public static TheoryData<Query> UnknownFieldQueries => new()
    {
        new TermQuery("nosuch", "x"),
        new PhraseQuery("nosuch", ["a", "b"]),
        new NumericRangeQuery("nosuch", 1, 2),
        new BooleanQuery([new(SmallIndex.Body("red"), Occur.Should), new(new TermQuery("nosuch", "x"), Occur.MustNot)]),
    };

    [Theory, MemberData(nameof(UnknownFieldQueries))]
    public void Search_UnknownField_ThrowsArgumentExceptionNamingIt(Query query)
    {
        var e = Assert.Throws<ArgumentException>(() => index.Searcher().Search(query, 10));
        Assert.Contains("'nosuch'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => index.Searcher().Explain(query, 0));
    }

    public static TheoryData<Query, string> WrongKindQueries => new()
    {
        { new TermQuery("price", "10"), "price" },
        { new PhraseQuery("tags", ["fruit", "red"]), "tags" },
        { new PhraseQuery("price", ["1", "2"]), "price" },
        { new NumericRangeQuery("body", 1, 2), "body" },
        { new NumericRangeQuery("tags", 1, 2), "tags" },
    };

    [Theory, MemberData(nameof(WrongKindQueries))]
    public void Search_FieldOfTheWrongKind_ThrowsArgumentExceptionNamingIt(Query query, string field)
    {
        var e = Assert.Throws<ArgumentException>(() => index.Searcher().Search(query, 10));
        Assert.Contains($"'{field}'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(IndexSearcher.MaxK + 1)]
    [InlineData(int.MaxValue)]
    public void Search_KOutsideOneToMaxK_ThrowsArgumentOutOfRange(int k)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => index.Searcher().Search(new MatchAllQuery(), k));
        Assert.Equal("k", e.ParamName);
        Assert.Equal(k, e.ActualValue);
    }

    [Fact]
    public void Search_KAtMaxK_IsAccepted()
    {
        Assert.Equal(index.Reader.NumDocs, index.Searcher().Search(new MatchAllQuery(), IndexSearcher.MaxK).Hits.Count);
    }

    [Fact]
    public void Search_EmptyBooleanQuery_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => index.Searcher().Search(new BooleanQuery([]), 10));
    }

    [Fact]
    public void Search_EmptyBooleanQueryNestedInAClause_ThrowsArgumentException()
    {
        var q = new BooleanQuery([new(SmallIndex.Body("red"), Occur.Should), new(new BooleanQuery([]), Occur.Should)]);
        Assert.Throws<ArgumentException>(() => index.Searcher().Search(q, 10));
    }

    [Fact]
    public void Search_NegativeMinimumShouldMatch_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Searcher().Search(new BooleanQuery([new(SmallIndex.Body("red"), Occur.Should)], -1), 10));
    }

    [Fact]
    public void Search_PhraseWithoutTerms_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => index.Searcher().Search(new PhraseQuery("body", []), 10));
    }

    [Fact]
    public void Search_NullQuery_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => index.Searcher().Search(null!, 10));
    }

    [Fact]
    public void Explain_DocOutOfRange_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Searcher().Explain(new MatchAllQuery(), index.Reader.MaxDoc));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Searcher().Explain(new MatchAllQuery(), -1));
    }
}
