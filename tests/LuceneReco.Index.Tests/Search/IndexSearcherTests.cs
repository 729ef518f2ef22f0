using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Tests.Search;

/// <summary>What <see cref="IndexSearcher.Search"/> returns: best first, ties by doc, k, TotalHits, boosts, deletes, the excluded doc.</summary>
public sealed class IndexSearcherTests(SmallIndex index) : IClassFixture<SmallIndex>
{
    [Fact]
    public void SmallIndex_HasTwoSegments()
    {
        Assert.Equal(2, index.Reader.Stats.Segments); // so that the tests below cross a segment boundary
    }

    [Fact]
    public void Search_Hits_AreBestFirst()
    {
        var hits = index.Searcher().Search(new BooleanQuery([new(SmallIndex.Body("red"), Occur.Should), new(SmallIndex.Body("apple"), Occur.Should)]), 100).Hits;
        Assert.Equal(4, hits.Count);
        for (int i = 1; i < hits.Count; i++) Assert.True(hits[i - 1].Score >= hits[i].Score);
    }

    [Fact]
    public void Search_EqualScores_AreOrderedByDocNumber()
    {
        var top = index.Searcher().Search(new MatchAllQuery(), 100);
        Assert.Equal(Enumerable.Range(0, index.Reader.MaxDoc), top.Hits.Select(h => h.Doc));
    }

    [Fact]
    public void Search_KBelowTies_KeepsTheLowestDocNumbers()
    {
        var top = index.Searcher().Search(new MatchAllQuery(), 3);
        Assert.Equal([0, 1, 2], top.Hits.Select(h => h.Doc));
        Assert.Equal(index.Reader.NumDocs, top.TotalHits);
    }

    [Fact]
    public void Search_KAboveTheNumberOfHits_ReturnsEveryHit()
    {
        var top = index.Searcher().Search(SmallIndex.Body("red"), IndexSearcher.MaxK);
        Assert.Equal(3, top.Hits.Count);
        Assert.Equal(3, top.TotalHits);
    }

    [Fact]
    public void Search_KBelowTheNumberOfHits_KeepsTheBestAndCountsAll()
    {
        var all = index.Searcher().Search(SmallIndex.Body("red"), 10);
        var top1 = index.Searcher().Search(SmallIndex.Body("red"), 1);
        Assert.Equal(3, top1.TotalHits);
        Assert.Equal([all.Hits[0]], top1.Hits);
    }

    [Fact]
    public void Search_ExcludeDoc_LeavesItOutAndDoesNotCountIt()
    {
        var searcher = index.Searcher();
        int car = index.Doc("car");
        var top = searcher.Search(SmallIndex.Body("red"), 10, excludeDoc: car);
        Assert.Equal(["apple", "bike"], index.IdSet(top).Order());
        Assert.Equal(2, top.TotalHits);
        var boolean = searcher.Search(new BooleanQuery([new(SmallIndex.Body("red"), Occur.Should)]), 10, excludeDoc: car);
        Assert.DoesNotContain(car, boolean.Hits.Select(h => h.Doc));
        Assert.Equal(2, boolean.TotalHits);
    }

    [Fact]
    public void Search_ExcludeDocInTheSecondSegment_IsLeftOut()
    {
        int whale2 = index.Doc("whale2");
        var top = index.Searcher().Search(new TermQuery("tags", "animal"), 10, excludeDoc: whale2);
        Assert.Equal(["whale1"], index.Ids(top));
    }

    [Theory]
    [InlineData("classic", 2f)]
    [InlineData("bm25", 2f)]
    [InlineData("classic", 0.5f)]
    public void Search_PowerOfTwoBoost_ScalesEveryScoreExactly(string similarity, float boost)
    {
        var searcher = index.Searcher(Similarity.ByName(similarity));
        var plain = searcher.Search(SmallIndex.Body("apple"), 10).Hits;
        var boosted = searcher.Search(SmallIndex.Body("apple") with { Boost = boost }, 10).Hits;
        Assert.Equal(plain.Select(h => h.Doc), boosted.Select(h => h.Doc));
        Assert.Equal(plain.Select(h => h.Score * boost), boosted.Select(h => h.Score));
    }

    [Theory]
    [InlineData("classic")]
    [InlineData("bm25")]
    public void Search_AnyBoost_ScalesScoresProportionallyAndKeepsTheOrder(string similarity)
    {
        var searcher = index.Searcher(Similarity.ByName(similarity));
        var q = new BooleanQuery([new(SmallIndex.Body("red"), Occur.Should), new(SmallIndex.Body("apple"), Occur.Should), new(SmallIndex.Body("car"), Occur.Should)]);
        var plain = searcher.Search(q, 10).Hits;
        var boosted = searcher.Search(new BooleanQuery(q.Clauses.Select(c => c with { Query = c.Query with { Boost = 3f } }).ToList()), 10).Hits;
        Assert.Equal(plain.Select(h => h.Doc), boosted.Select(h => h.Doc));
        for (int i = 0; i < plain.Count; i++) Assert.Equal(3 * plain[i].Score, boosted[i].Score, 1e-6f * boosted[i].Score);
    }

    [Fact]
    public void Search_DeletedDocs_AreNeverReturned()
    {
        using var dir = new TempDir();
        using var w = IndexWriter.Open(dir.Path, new IndexWriterOptions { Schema = SmallIndex.Schema });
        foreach (var id in new[] { "a", "b", "c", "d" }) w.Add(new Document(id).Add("body", "red apple").Add("tags", "x").Add("price", 1));
        w.Commit();
        w.Add(new Document("e").Add("body", "red apple").Add("tags", "x"));
        Assert.True(w.Delete("b"));
        Assert.True(w.Delete("e")); // deleted while still buffered
        var reader = w.GetReader();
        int b = 1; // insertion order in the first segment
        Assert.Equal("b", reader.IdOf(b));
        Assert.False(reader.IsLive(b));
        var searcher = new IndexSearcher(reader);
        var queries = new Query[]
        {
            SmallIndex.Body("red"), new TermQuery("tags", "x"), new PhraseQuery("body", [SmallIndex.Term("red"), SmallIndex.Term("apple")]),
            new NumericRangeQuery("price", null, null), new MatchAllQuery(),
            new BooleanQuery([new(SmallIndex.Body("apple"), Occur.Should), new(new MatchAllQuery(), Occur.Should)]),
        };
        foreach (var q in queries)
        {
            var top = searcher.Search(q, 100);
            Assert.Equal(["a", "c", "d"], top.Hits.Select(h => reader.IdOf(h.Doc)).Order());
            Assert.Equal(3, top.TotalHits);
            Assert.Null(searcher.Explain(q, b));
        }
    }

    [Fact]
    public void Search_OlderReader_StillSeesDocsDeletedAfterItOpened()
    {
        using var dir = new TempDir();
        using var w = IndexWriter.Open(dir.Path, new IndexWriterOptions { Schema = SmallIndex.Schema });
        w.Add(new Document("a").Add("body", "red"));
        w.Add(new Document("b").Add("body", "red"));
        var before = w.GetReader();
        w.Delete("a");
        var after = w.GetReader();
        Assert.Equal(2, new IndexSearcher(before).Search(SmallIndex.Body("red"), 10).TotalHits);
        Assert.Equal(1, new IndexSearcher(after).Search(SmallIndex.Body("red"), 10).TotalHits);
    }

    [Fact]
    public void Explain_DocThatDoesNotMatch_IsNull()
    {
        Assert.Null(index.Searcher().Explain(SmallIndex.Body("red"), index.Doc("pear")));
        Assert.Null(index.Searcher().Explain(new NumericRangeQuery("price", null, null), index.Doc("bike")));
    }

    [Fact]
    public void Explain_Hit_NamesTheFieldAndTerm()
    {
        var e = index.Searcher().Explain(SmallIndex.Body("red"), index.Doc("car"));
        Assert.NotNull(e);
        Assert.Contains("weight(body:red)", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultSimilarity_IsBm25AsInLucene8()
    {
        Assert.IsType<Bm25Similarity>(index.Searcher().Similarity);
    }
}
