using LuceneReco.Index.Search;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Index.Search.Similarities;
using Mlt = LuceneReco.Index.Search.MoreLikeThis.MoreLikeThis;
using static LuceneReco.Index.Tests.Search.MoreLikeThis.MltIndex;

namespace LuceneReco.Index.Tests.Search.MoreLikeThis;

/// <summary>MoreLikeThis: bad input, sources left out, the chosen terms and what each hit matched.</summary>
public sealed class MoreLikeThisTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Keep every term: the filters are tested one by one below.</summary>
    private static readonly MoreLikeThisOptions Everything = new() { MinTermFreq = 1, MinDocFreq = 1, MaxQueryTerms = 1024 };

    private static readonly string[] Animals =
    [
        "lion tiger bear", "lion tiger wolf", "lion bear fox", "tiger wolf owl", "bear fox hawk",
        "wolf owl crow", "fox hawk deer", "owl crow lion", "hawk deer tiger", "crow deer bear",
    ];

    private static string[] Words(MoreLikeThisQuery q) => q.Terms.Select(t => t.Term).Order().ToArray();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r\n")]
    public void LikeText_EmptyOrBlank_ThrowsArgumentException(string text)
    {
        var mlt = new Mlt(Bodies(_dir, Animals), Everything);
        var e = Assert.Throws<ArgumentException>(() => mlt.LikeText(text));
        Assert.Equal("text", e.ParamName);
    }

    [Fact]
    public void LikeDoc_DeletedDoc_ThrowsArgumentException()
    {
        var reader = Build(_dir, Animals.Select(a => ("", a)), "d3");
        var mlt = new Mlt(reader, Everything);
        var e = Assert.Throws<ArgumentException>(() => mlt.LikeDoc(3));
        Assert.Contains("3", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => mlt.LikeDocs([(2, 1f), (3, 1f)]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10)]
    [InlineData(int.MaxValue)]
    public void LikeDoc_DocOutsideTheIndex_ThrowsArgumentException(int doc)
    {
        var mlt = new Mlt(Bodies(_dir, Animals), Everything);
        Assert.Throws<ArgumentException>(() => mlt.LikeDoc(doc));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void LikeDocs_WeightNotAPositiveNumber_ThrowsArgumentException(float weight)
    {
        var mlt = new Mlt(Bodies(_dir, Animals), Everything);
        var e = Assert.Throws<ArgumentException>(() => mlt.LikeDocs([(0, 1f), (1, weight)]));
        Assert.Contains("doc 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LikeDocs_NoDocs_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new Mlt(Bodies(_dir, Animals), Everything).LikeDocs([]));
    }

    [Fact]
    public void Constructor_NoFieldsGiven_UsesEveryTextFieldWithTermVectors()
    {
        Assert.Equal(["title", "body"], new Mlt(Bodies(_dir, Animals)).Fields);
    }

    [Fact]
    public void LikeDoc_EveryDoc_IsNeverAmongItsOwnResults()
    {
        var reader = Bodies(_dir, Animals);
        var mlt = new Mlt(reader, Everything);
        for (int d = 0; d < reader.MaxDoc; d++)
        {
            var q = mlt.LikeDoc(d);
            Assert.Equal([d], q.SourceDocs);
            var all = mlt.Search(q, 100);
            Assert.DoesNotContain(d, all.Select(h => h.Doc));
            Assert.NotEmpty(all);
            Assert.NotEqual(d, Assert.Single(mlt.Search(q, 1)).Doc); // the source would otherwise score best
        }
    }

    [Fact]
    public void LikeDocs_Profile_LeavesOutEverySource()
    {
        var reader = Bodies(_dir, Animals);
        var mlt = new Mlt(reader, Everything);
        var q = mlt.LikeDocs([(0, 1f), (1, 2f), (7, 0.5f)]);
        Assert.Equal([0, 1, 7], q.SourceDocs.Order());
        var hits = mlt.Search(q, 100);
        Assert.Empty(hits.Select(h => h.Doc).Intersect([0, 1, 7]));
        Assert.Equal(6, hits.Count); // every other doc but d6 ("fox hawk deer") shares an animal with the profile
        Assert.Equal(3, mlt.Search(q, 3).Count);
    }

    [Fact]
    public void LikeText_HasNoSources_AndAnyDocCanMatch()
    {
        var reader = Bodies(_dir, Animals);
        var mlt = new Mlt(reader, Everything);
        var q = mlt.LikeText("Lions and tigers");
        Assert.Empty(q.SourceDocs);
        Assert.Equal([T("lion"), T("tiger")], Words(q));
        Assert.All(q.Terms, t => Assert.Equal("body", t.Field)); // no title contains them
        Assert.Equal(0, mlt.Search(q, 1)[0].Doc); // "lion tiger bear": both terms, shortest field first in doc order
    }

    [Fact]
    public void MinTermFreq_TermsRarerInTheSource_AreLeftOut()
    {
        var reader = Bodies(_dir, "lion lion tiger", "lion tiger", "bear");
        Assert.Equal([T("lion"), T("tiger")], Words(new Mlt(reader, Everything).LikeDoc(0)));
        Assert.Equal([T("lion")], Words(new Mlt(reader, Everything with { MinTermFreq = 2 }).LikeDoc(0)));
    }

    [Fact]
    public void MinDocFreq_TermsInTooFewDocs_AreLeftOut()
    {
        var reader = Bodies(_dir, "lion tiger unicorn", "lion tiger", "lion");
        Assert.Contains(T("unicorn"), Words(new Mlt(reader, Everything).LikeDoc(0)));
        Assert.Equal([T("lion"), T("tiger")], Words(new Mlt(reader, Everything with { MinDocFreq = 2 }).LikeDoc(0)));
        Assert.Equal([T("lion")], Words(new Mlt(reader, Everything with { MinDocFreq = 3 }).LikeDoc(0)));
    }

    [Fact]
    public void MaxDocFreq_TermsInTooManyDocs_AreLeftOut()
    {
        var reader = Bodies(_dir, "lion tiger unicorn", "lion tiger", "lion");
        Assert.Equal([T("tiger"), T("unicorn")], Words(new Mlt(reader, Everything with { MaxDocFreq = 2 }).LikeDoc(0)));
        Assert.Equal([T("unicorn")], Words(new Mlt(reader, Everything with { MaxDocFreq = 1 }).LikeDoc(0)));
    }

    [Fact]
    public void MaxQueryTerms_KeepsThatManyOfTheBestScoringTerms()
    {
        var reader = Bodies(_dir, [.. Animals, "lion lion lion tiger tiger bear wolf fox owl hawk crow deer"]);
        int source = reader.MaxDoc - 1;
        var all = new Mlt(reader, Everything).LikeDoc(source).Terms;
        Assert.Equal(9, all.Count);
        foreach (int max in new[] { 1, 3, 5 })
        {
            var chosen = new Mlt(reader, Everything with { MaxQueryTerms = max }).LikeDoc(source).Terms;
            Assert.Equal(max, chosen.Count);
            float worstChosen = chosen.Min(t => t.Score);
            var left = all.Where(t => !chosen.Any(c => c.Term == t.Term && c.Field == t.Field));
            Assert.All(left, t => Assert.True(t.Score <= worstChosen, $"{t.Term} ({t.Score}) left out but beats {worstChosen}"));
        }
        Assert.Equal(T("lion"), new Mlt(reader, Everything with { MaxQueryTerms = 1 }).LikeDoc(source).Terms[0].Term);
    }

    [Fact]
    public void Terms_AreBestFirst_WithTfIdfAndDocFreq()
    {
        var reader = Bodies(_dir, [.. Animals, "lion lion lion tiger tiger bear"]);
        var terms = new Mlt(reader, Everything).LikeDoc(reader.MaxDoc - 1).Terms;
        for (int i = 1; i < terms.Count; i++) Assert.True(terms[i - 1].Score >= terms[i].Score);
        var sim = new ClassicSimilarity();
        foreach (var t in terms)
        {
            Assert.Equal(reader.DocFreq("body", t.Term), t.DocFreq);
            Assert.Equal(sim.Idf(t.DocFreq, reader.DocCount("body")), t.Idf);
            Assert.Equal(t.Tf * t.Idf, t.Score);
        }
        Assert.Equal([3f, 2f, 1f], terms.Select(t => t.Tf));
    }

    [Fact]
    public void MinAndMaxWordLength_TermsOutsideTheRange_AreLeftOut()
    {
        var reader = Bodies(_dir, "ox owl lion tiger elephant", "ox owl lion tiger elephant");
        Assert.Equal(["eleph", "lion", "owl", "ox", "tiger"], Words(new Mlt(reader, Everything).LikeDoc(0)));
        Assert.Equal(["eleph", "lion", "tiger"], Words(new Mlt(reader, Everything with { MinWordLength = 4 }).LikeDoc(0)));
        Assert.Equal(["lion", "owl", "ox"], Words(new Mlt(reader, Everything with { MaxWordLength = 4 }).LikeDoc(0)));
        Assert.Equal(["lion", "owl"], Words(new Mlt(reader, Everything with { MinWordLength = 3, MaxWordLength = 4 }).LikeDoc(0)));
    }

    [Fact]
    public void StopWords_AreComparedAfterAnalysisAndLeftOut()
    {
        var reader = Bodies(_dir, "lions tigers bears", "lions tigers bears");
        var q = new Mlt(reader, Everything with { StopWords = new HashSet<string> { T("lions"), "tigers" } }).LikeDoc(0);
        Assert.Equal([T("bears"), T("tigers")], Words(q)); // "tigers" is not an analyzed term (the stem is), so it stops nothing
        Assert.Equal([T("bears")], Words(new Mlt(reader, Everything with { StopWords = new HashSet<string> { T("lions"), T("tigers") } }).LikeDoc(0)));
    }

    [Fact]
    public void LikeText_StopWordsAndWordLength_FilterTheTextToo()
    {
        var mlt = new Mlt(Bodies(_dir, Animals), Everything with { StopWords = new HashSet<string> { "lion" }, MinWordLength = 4 });
        Assert.Equal([T("tiger")], Words(mlt.LikeText("lion tiger owl fox")));
    }

    [Fact]
    public void Search_MatchedTerms_AreExactlyTheChosenTermsInTheHitsTermVectors()
    {
        var reader = Build(_dir, Animals.Select((a, i) => (i % 2 == 0 ? a.Split(' ')[0] : "", a)));
        var mlt = new Mlt(reader, Everything with { MaxQueryTerms = 4 });
        for (int d = 0; d < reader.MaxDoc; d++)
        {
            var q = mlt.LikeDoc(d);
            var hits = mlt.Search(q, 100);
            Assert.NotEmpty(hits);
            foreach (var hit in hits)
            {
                var expected = q.Terms.Where(t => reader.TermVector(hit.Doc, t.Field).Any(e => e.Term == t.Term)).ToList();
                Assert.Equal(expected, hit.MatchedTerms);
                Assert.NotEmpty(hit.MatchedTerms);
                Assert.Equal(reader.IdOf(hit.Doc), hit.Id);
            }
        }
    }

    [Fact]
    public void Search_Scores_AreThoseOfTheQueryUnderTheOptionsSimilarity()
    {
        var reader = Bodies(_dir, Animals);
        foreach (Similarity sim in new Similarity[] { new ClassicSimilarity(), new Bm25Similarity() })
        {
            var mlt = new Mlt(reader, Everything with { Similarity = sim });
            var q = mlt.LikeDoc(0);
            var expected = new IndexSearcher(reader, sim).Search(q.Query, 100).Hits.Where(h => h.Doc != 0).ToList();
            Assert.Equal(expected, mlt.Search(q, 100).Select(h => new ScoreDoc(h.Doc, h.Score)));
        }
    }

    [Fact]
    public void Search_NoTermSurvivesTheFilters_ReturnsNothing()
    {
        var reader = Bodies(_dir, "unicorn", "lion");
        var mlt = new Mlt(reader, Everything with { MinDocFreq = 2 });
        var q = mlt.LikeDoc(0);
        Assert.Empty(q.Terms);
        Assert.Empty(mlt.Search(q, 10));
        Assert.Empty(new IndexSearcher(reader).Search(q.Query, 10).Hits); // the placeholder query matches nothing either
    }

    [Fact]
    public void LikeDoc_FieldWithoutTermVectors_IsReanalysedFromStoredText()
    {
        using var dir = new TempDir();
        using (var w = IndexWriter.Open(dir.Path, new IndexWriterOptions { Schema = Schema }))
        {
            w.Add(new Documents.Document("a").Add("notes", "lions and lions and tigers"));
            w.Add(new Documents.Document("b").Add("notes", "lions"));
            w.Add(new Documents.Document("c").Add("notes", "tigers"));
            w.Commit();
        }
        var reader = IndexReader.Open(dir.Path);
        var mlt = new Mlt(reader, Everything with { Fields = ["notes"] });
        var q = mlt.LikeDoc(0);
        Assert.Equal([(T("lions"), 2f), (T("tigers"), 1f)], q.Terms.Select(t => (t.Term, t.Tf)).Order());
        var hits = mlt.Search(q, 10);
        Assert.Equal(["b", "c"], hits.Select(h => h.Id).Order());
        Assert.Equal([T("lions")], hits.Single(h => h.Id == "b").MatchedTerms.Select(t => t.Term));
    }
}
