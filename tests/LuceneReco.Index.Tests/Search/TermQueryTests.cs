using LuceneReco.Index.Search;
using LuceneReco.Index.Search.Similarities;
using LuceneReco.Index.Segments;

namespace LuceneReco.Index.Tests.Search;

public sealed class TermQueryTests(SmallIndex index) : IClassFixture<SmallIndex>
{
    [Fact]
    public void TermQuery_TextField_MatchesEveryDocContainingTheAnalyzedTerm()
    {
        var top = index.Searcher().Search(SmallIndex.Body("red"), 10);
        Assert.Equal(["apple", "bike", "car"], index.IdSet(top).Order());
        Assert.Equal(3, top.TotalHits);
    }

    [Fact]
    public void TermQuery_StemmedForm_MatchesEveryInflection()
    {
        // "pears" in pear's body and "pear" in its title both index as the stem
        Assert.Equal(["pear"], index.Ids(index.Searcher().Search(new TermQuery("body", SmallIndex.Term("pear")), 10)));
        Assert.Equal(["pear"], index.Ids(index.Searcher().Search(new TermQuery("title", SmallIndex.Term("pears")), 10)));
    }

    [Fact]
    public void TermQuery_KeywordField_MatchesTheExactValueOnly()
    {
        var searcher = index.Searcher();
        Assert.Equal(["apple", "car"], index.IdSet(searcher.Search(new TermQuery("tags", "red"), 10)).Order());
        Assert.Empty(searcher.Search(new TermQuery("tags", "Red"), 10).Hits);
        Assert.Empty(searcher.Search(new TermQuery("tags", "fruit,red"), 10).Hits);
    }

    [Fact]
    public void TermQuery_TermInNoDoc_NoHits()
    {
        var top = index.Searcher().Search(new TermQuery("body", "zzzz"), 10);
        Assert.Empty(top.Hits);
        Assert.Equal(0, top.TotalHits);
    }

    [Fact]
    public void TermQuery_RepeatedTerm_ScoresAboveSingleOccurrenceInALongerField()
    {
        // pie's body has "apple" 3 times in 8 terms; apple's body once in 6
        var hits = index.Searcher(new ClassicSimilarity()).Search(SmallIndex.Body("apple"), 10).Hits;
        Assert.Equal(index.Doc("pie"), hits[0].Doc);
        Assert.Equal(index.Doc("apple"), hits[1].Doc);
    }

    /// <summary>The score is the similarity applied to the index-wide statistics, the freq and the norm byte, recomputed here from the reader's public figures.</summary>
    [Theory]
    [InlineData("classic", "body", "apple")]
    [InlineData("classic", "title", "red")]
    [InlineData("bm25", "body", "red")]
    [InlineData("bm25", "title", "blue")]
    public void TermQuery_Score_IsTheSimilarityOfTheIndexStatistics(string similarity, string field, string word)
    {
        var sim = Similarity.ByName(similarity);
        var reader = index.Reader;
        string term = SmallIndex.Term(word);
        var scorer = sim.Scorer(1f,
            new CollectionStatistics(field, reader.MaxDoc, reader.DocCount(field), reader.SumTotalTermFreq(field)),
            new TermStatistics(term, reader.DocFreq(field, term), reader.TotalTermFreq(field, term)));
        var hits = index.Searcher(sim).Search(new TermQuery(field, term), 10).Hits;
        Assert.NotEmpty(hits);
        foreach (var hit in hits)
        {
            int freq = reader.TermVector(hit.Doc, field).Single(e => e.Term == term).Freq;
            byte norm = SmallFloat.IntToByte4(reader.FieldLength(hit.Doc, field));
            Assert.Equal(scorer.Score(freq, norm), hit.Score);
        }
    }

    [Fact]
    public void TermQuery_KeywordField_ScoresAsAOneTermField()
    {
        var sim = new ClassicSimilarity();
        var reader = index.Reader;
        var hits = index.Searcher(sim).Search(new TermQuery("tags", "animal"), 10).Hits;
        float idf = sim.Idf(reader.DocFreq("tags", "animal"), reader.DocCount("tags"));
        Assert.All(hits, h => Assert.Equal(idf, h.Score)); // tf(1) * idf * lengthNorm(1)
    }

    [Fact]
    public void TermQuery_IdenticalDocsInDifferentSegments_ScoreIdentically()
    {
        // whale1 is in the first segment, whale2 in the second: statistics are index-wide, so the scores are equal
        var hits = index.Searcher().Search(new TermQuery("title", SmallIndex.Term("blue")), 10).Hits;
        Assert.Equal([index.Doc("whale1"), index.Doc("whale2")], hits.Select(h => h.Doc));
        Assert.Equal(hits[0].Score, hits[1].Score);
    }
}
