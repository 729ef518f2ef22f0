using LuceneReco.Index.Search;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Tests.Search;

public sealed class BooleanQueryTests(SmallIndex index) : IClassFixture<SmallIndex>
{
    private static BooleanClause Clause(Query q, Occur occur) => new(q, occur);

    private static readonly TermQuery Red = SmallIndex.Body("red");
    private static readonly TermQuery Car = SmallIndex.Body("car");
    private static readonly TermQuery Apple = SmallIndex.Body("apple");
    private static readonly TermQuery Fruit = new("tags", "fruit");

    private HashSet<string> Match(Query q) => index.IdSet(index.Searcher().Search(q, 100));

    private float ScoreOf(Query q, string id, Similarity? sim = null) =>
        index.Searcher(sim).Search(q, 100).Hits.Single(h => h.Doc == index.Doc(id)).Score;

    [Fact]
    public void Must_EveryMustClause_HasToMatch()
    {
        Assert.Equal(["bike", "car"], Match(new BooleanQuery([Clause(Red, Occur.Must), Clause(Car, Occur.Must)])).Order());
    }

    [Fact]
    public void Should_AnyClauseMatching_IsEnough()
    {
        Assert.Equal(["apple", "bike", "car", "pie"], Match(new BooleanQuery([Clause(Red, Occur.Should), Clause(Apple, Occur.Should)])).Order());
    }

    [Theory]
    [InlineData("classic")]
    [InlineData("bm25")]
    public void Should_Score_IsTheSumOfTheMatchingClausesInDouble(string similarity)
    {
        var sim = Similarity.ByName(similarity);
        var q = new BooleanQuery([Clause(Red, Occur.Should), Clause(Apple, Occur.Should)]);
        Assert.Equal((float)((double)ScoreOf(Red, "apple", sim) + ScoreOf(Apple, "apple", sim)), ScoreOf(q, "apple", sim));
        Assert.Equal(ScoreOf(Red, "car", sim), ScoreOf(q, "car", sim)); // only one clause matches car
    }

    [Fact]
    public void MustNot_ExcludesEveryDocItMatches()
    {
        Assert.Equal(["apple"], Match(new BooleanQuery([Clause(Red, Occur.Should), Clause(Car, Occur.MustNot)])).Order());
        Assert.Equal(["apple"], Match(new BooleanQuery([Clause(Car, Occur.MustNot), Clause(Red, Occur.Must)])).Order()); // clause order does not matter
    }

    [Fact]
    public void MustNot_Alone_MatchesNothing()
    {
        // as in Lucene, a purely negative query has nothing to subtract from
        Assert.Empty(Match(new BooleanQuery([Clause(Car, Occur.MustNot)])));
    }

    [Fact]
    public void Filter_RestrictsWithoutChangingTheScore()
    {
        var filtered = new BooleanQuery([Clause(Red, Occur.Must), Clause(Fruit, Occur.Filter)]);
        var top = index.Searcher().Search(filtered, 10);
        Assert.Equal(["apple"], index.Ids(top));
        Assert.Equal(ScoreOf(Red, "apple"), top.Hits[0].Score);
    }

    [Fact]
    public void Filter_Alone_MatchesWithScoreZero()
    {
        var top = index.Searcher().Search(new BooleanQuery([Clause(Fruit, Occur.Filter)]), 10);
        Assert.Equal(["apple", "pear"], index.Ids(top)); // equal scores: doc order
        Assert.All(top.Hits, h => Assert.Equal(0f, h.Score));
    }

    [Fact]
    public void Should_WithAMustClause_IsOptionalAndOnlyAddsScore()
    {
        var q = new BooleanQuery([Clause(Red, Occur.Must), Clause(Apple, Occur.Should)]);
        Assert.Equal(["apple", "bike", "car"], Match(q).Order());
        Assert.True(ScoreOf(q, "apple") > ScoreOf(Red, "apple"));
        Assert.Equal(ScoreOf(Red, "car"), ScoreOf(q, "car"));
    }

    [Fact]
    public void MinimumShouldMatch_Two_NeedsTwoShouldClauses()
    {
        var q = new BooleanQuery([Clause(Red, Occur.Should), Clause(Car, Occur.Should), Clause(Apple, Occur.Should)], MinimumShouldMatch: 2);
        Assert.Equal(["apple", "bike", "car"], Match(q).Order()); // red+apple, red+car, red+car; not pie (apple only)
    }

    [Fact]
    public void MinimumShouldMatch_WithMust_StillAppliesToShouldClauses()
    {
        var q = new BooleanQuery([Clause(Red, Occur.Must), Clause(Car, Occur.Should), Clause(SmallIndex.Body("fast"), Occur.Should)], MinimumShouldMatch: 2);
        Assert.Equal(["car"], Match(q).Order());
    }

    [Fact]
    public void MinimumShouldMatch_AboveTheNumberOfShouldClauses_MatchesNothing()
    {
        Assert.Empty(Match(new BooleanQuery([Clause(Red, Occur.Should), Clause(Car, Occur.Should)], MinimumShouldMatch: 3)));
    }

    [Fact]
    public void Nested_BooleanClause_MatchesAndScoresAsItsOwnQuery()
    {
        var inner = new BooleanQuery([Clause(Car, Occur.Should), Clause(Apple, Occur.Should)]);
        var outer = new BooleanQuery([Clause(Red, Occur.Must), Clause(inner, Occur.Must)]);
        Assert.Equal(["apple", "bike", "car"], Match(outer).Order());
        Assert.Equal((float)((double)ScoreOf(Red, "bike") + ScoreOf(inner, "bike")), ScoreOf(outer, "bike"));
    }

    [Fact]
    public void Boost_OnBooleanQuery_MultipliesItsSum()
    {
        var plain = new BooleanQuery([Clause(Red, Occur.Should), Clause(Apple, Occur.Should)]);
        var boosted = plain with { Boost = 4f };
        foreach (var id in new[] { "apple", "pie", "car" })
            Assert.Equal(4 * ScoreOf(plain, id), ScoreOf(boosted, id));
    }

    [Fact]
    public void MatchAll_InAFilter_KeepsEveryScoringMatch()
    {
        var q = new BooleanQuery([Clause(new MatchAllQuery(), Occur.Filter), Clause(Red, Occur.Should)]);
        // with a Filter clause the Should clause is optional: every doc matches, red ones score
        var top = index.Searcher().Search(q, 100);
        Assert.Equal(index.Reader.NumDocs, top.TotalHits);
        Assert.Equal(["apple", "bike", "car"], index.Ids(top).Take(3).Order());
    }
}
