using LuceneReco.Index.Search;
using LuceneReco.Index.Search.MoreLikeThis;
using Mlt = LuceneReco.Index.Search.MoreLikeThis.MoreLikeThis;
using static LuceneReco.Index.Tests.Search.MoreLikeThis.MltIndex;

namespace LuceneReco.Index.Tests.Search.MoreLikeThis;

/// <summary>How candidate terms are scored and chosen: boosts, BM25 selection, sqrt(tf), weighted profiles, and Lucene's tie order.</summary>
public sealed class MoreLikeThisTermSelectionTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly MoreLikeThisOptions Everything = new() { MinTermFreq = 1, MinDocFreq = 1, MaxQueryTerms = 1024 };

    /// <summary>
    /// d0 is the source: "common" 4 times (a term in 19 of 20 docs) and "rare" once (in 2 docs).
    /// tf * idf prefers common (4 * 1.05 = 4.2 against 1 * 2.95); BM25 saturates tf and its idf of a
    /// term in nearly every doc is tiny, so it prefers rare; so does sqrt(tf) (2 * 1.05 = 2.1).
    /// </summary>
    private IndexReader CommonAndRare() =>
        Bodies(_dir, ["common common common common rare", "rare lion", .. Enumerable.Range(0, 17).Select(i => "common tiger"), "bear"]);

    private static BooleanClause[] Clauses(MoreLikeThisQuery q) => ((BooleanQuery)q.Query).Clauses.ToArray();

    [Fact]
    public void TermSelection_TfIdf_PrefersTheFrequentCommonTerm()
    {
        var reader = CommonAndRare();
        Assert.Equal(2, new Mlt(reader, Everything).LikeDoc(0).Terms.Count); // both are candidates
        Assert.Equal(T("common"), Assert.Single(new Mlt(reader, Everything with { MaxQueryTerms = 1 }).LikeDoc(0).Terms).Term);
    }

    [Fact]
    public void TermSelection_Bm25_PrefersTheRareTerm()
    {
        var q = new Mlt(CommonAndRare(), Everything with { MaxQueryTerms = 1, TermSelection = TermSelection.Bm25 }).LikeDoc(0);
        var term = Assert.Single(q.Terms);
        Assert.Equal("rare", term.Term);
        Assert.Equal(new Index.Search.Similarities.Bm25Similarity().Idf(2, 20), term.Idf); // BM25's idf, not the classic one
    }

    [Fact]
    public void SqrtTf_DampensTheFrequentTerm_SoTheRareOneWins()
    {
        var reader = CommonAndRare();
        var q = new Mlt(reader, Everything with { MaxQueryTerms = 1, SqrtTf = true }).LikeDoc(0);
        Assert.Equal("rare", Assert.Single(q.Terms).Term);
        var both = new Mlt(reader, Everything with { SqrtTf = true }).LikeDoc(0).Terms;
        var common = both.Single(t => t.Term == T("common"));
        Assert.Equal(4f, common.Tf); // the raw frequency is reported; only the score uses its square root
        Assert.Equal(MathF.Sqrt(4) * common.Idf, common.Score);
    }

    [Fact]
    public void Boost_TheBestTermsClause_IsBoostedByBoostFactor()
    {
        var reader = Bodies(_dir, "lion lion lion tiger tiger bear", "lion tiger bear wolf", "tiger bear", "bear wolf", "wolf");
        var q = new Mlt(reader, Everything with { Boost = true, BoostFactor = 2.5f }).LikeDoc(0);
        var clauses = Clauses(q);
        Assert.Equal(q.Terms.Count, clauses.Length);
        float best = q.Terms[0].Score;
        foreach (var t in q.Terms)
        {
            var clause = clauses.Single(c => ((TermQuery)c.Query).Term == t.Term);
            Assert.Equal(Occur.Should, clause.Occur);
            if (t == q.Terms[0]) Assert.Equal(2.5f, clause.Query.Boost);
            else
            {
                Assert.True(clause.Query.Boost < 2.5f);
                Assert.Equal(2.5f * t.Score / best, clause.Query.Boost, 1e-6f);
            }
        }
    }

    [Fact]
    public void Boost_Off_LeavesEveryClauseAtOne()
    {
        var reader = Bodies(_dir, "lion lion tiger", "lion tiger", "tiger");
        Assert.All(Clauses(new Mlt(reader, Everything with { BoostFactor = 3 }).LikeDoc(0)), c => Assert.Equal(1f, c.Query.Boost));
    }

    [Fact]
    public void LikeDocs_HeavierDoc_ItsTermsWin()
    {
        // lion and tiger have the same document frequency; d0 has lion, d1 tiger
        var reader = Bodies(_dir, "lion", "tiger", "lion bear", "tiger bear", "bear");
        var options = Everything with { MaxQueryTerms = 1 };
        var lionHeavy = new Mlt(reader, options).LikeDocs([(0, 3f), (1, 1f)]);
        Assert.Equal((T("lion"), 3f), (lionHeavy.Terms[0].Term, lionHeavy.Terms[0].Tf));
        var tigerHeavy = new Mlt(reader, options).LikeDocs([(0, 1f), (1, 3f)]);
        Assert.Equal((T("tiger"), 3f), (tigerHeavy.Terms[0].Term, tigerHeavy.Terms[0].Tf));
    }

    [Fact]
    public void LikeDocs_SameDocTwice_AddsItsWeights()
    {
        var reader = Bodies(_dir, "lion lion", "tiger", "lion", "tiger");
        var q = new Mlt(reader, Everything).LikeDocs([(0, 1.5f), (0, 0.5f)]);
        Assert.Equal(4f, Assert.Single(q.Terms).Tf); // 2 occurrences * (1.5 + 0.5)
        Assert.Equal([0], q.SourceDocs);
    }

    /// <summary>
    /// Lucene 8.7 puts each field's term map into a java.util.HashMap with computeIfAbsent, which links a new
    /// key at the head of its bucket; "title" and "body" share bucket 12 of 16, so Lucene visits body's terms
    /// before title's, and on equal scores keeps the one it saw first: here body:beta (checked against
    /// Lucene 8.7 on this exact index). Our MoreLikeThis orders fields as HashMap.put would (title first) and keeps
    /// title:alpha. On the bench oracles this is what keeps identical order at 0.999 (English) and 0.890 (Chinese);
    /// visiting fields in Lucene's order gives 1.000 on both.
    /// </summary>
    [Fact]
    public void Terms_TitleAndBodyTermTie_KeepsTheBodyTermAsLuceneDoes()
    {
        var reader = Build(_dir, [("alpha", "beta"), ("alpha", "beta"), ("gamma", "delta")]);
        var q = new Mlt(reader, Everything with { MaxQueryTerms = 1, Fields = ["title", "body"] }).LikeDoc(0);
        var term = Assert.Single(q.Terms);
        Assert.Equal(("body", "beta"), (term.Field, term.Term));
    }
}
