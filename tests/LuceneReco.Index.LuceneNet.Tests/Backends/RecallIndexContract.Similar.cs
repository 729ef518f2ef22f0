using LuceneReco.Index.Backends;
using LuceneReco.Index.Search;

namespace LuceneReco.Index.LuceneNet.Tests.Backends;

/// <summary>The contract's MoreLikeThis and item-vector parts.</summary>
public abstract partial class RecallIndexContract
{
    [Fact]
    public void MoreLikeThis_LikeDoc_LeavesOutSourceAndReportsMatchedTerms()
    {
        int seed = TestSeed.Next();
        var view = View(Build(new TestCorpus(seed, 200)));
        var options = new Search.MoreLikeThis.MoreLikeThisOptions { MinTermFreq = 1, MinDocFreq = 2, MaxQueryTerms = 8 };
        for (int doc = 0; doc < 20; doc++)
        {
            var mlt = view.LikeDoc(doc, options);
            Assert.InRange(mlt.Terms.Count, 1, 8);
            for (int i = 1; i < mlt.Terms.Count; i++) Assert.True(mlt.Terms[i - 1].Score >= mlt.Terms[i].Score, $"terms out of order; {TestSeed.Describe(seed)}");
            // the term is in the source (a backend may search it in another field, as Lucene.Net 4.8 picks the field where it is most frequent)
            Assert.All(mlt.Terms, t => Assert.True(t.DocFreq >= 2 && (view.Freq(doc, "title", t.Term) > 0 || view.Freq(doc, "body", t.Term) > 0), $"{t} of doc {doc}"));
            var hits = view.MoreLikeThis(mlt, 10, options);
            Assert.DoesNotContain(hits, h => h.Doc == doc);
            foreach (var hit in hits)
            {
                Assert.NotEmpty(hit.MatchedTerms);
                Assert.All(mlt.Terms, t => Assert.Equal(view.Freq(hit.Doc, t.Field, t.Term) > 0, hit.MatchedTerms.Contains(t)));
            }
            var single = view.LikeDocs([(doc, 1f)], options);
            Assert.Equal(mlt.Terms.Select(t => (t.Field, t.Term)), single.Terms.Select(t => (t.Field, t.Term)));
        }
    }

    [Fact]
    public void MoreLikeThis_WithFilter_KeepsOnlyMatchingHits_WithTheirUnfilteredScores()
    {
        int seed = TestSeed.Next();
        var corpus = new TestCorpus(seed, 200);
        var view = View(Build(corpus));
        var options = new Search.MoreLikeThis.MoreLikeThisOptions { MinTermFreq = 1, MinDocFreq = 2 };
        var mlt = view.LikeDoc(view.DocOf("item-0"), options);
        var all = view.MoreLikeThis(mlt, 500, options);
        var filter = new TermQuery("category", "gamma");
        var filtered = view.MoreLikeThis(mlt, 500, options, filter);
        var expected = all.Where(h => view.Stored(h.Doc).Get("category") == "gamma").ToList();
        Assert.Equal(expected.Select(h => h.Id), filtered.Select(h => h.Id));
        for (int i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i].Score - filtered[i].Score) <= 1e-5f * expected[i].Score, $"{expected[i].Score} vs {filtered[i].Score}; {TestSeed.Describe(seed)}");
    }

    [Fact]
    public void ItemVectors_CosineOfItems_IsThatOfTheirTfIdfVectorsFromTermVectors()
    {
        int seed = TestSeed.Next();
        var corpus = new TestCorpus(seed, 120);
        var view = View(Build(corpus));
        var vectors = new RecallItemVectors(view);
        var random = new Random(seed);
        for (int i = 0; i < 30; i++)
        {
            int a = random.Next(view.MaxDoc), b = random.Next(view.MaxDoc);
            double expected = Brute(view, a, b), actual = vectors.Cosine(a, b);
            Assert.True(Math.Abs(expected - actual) < 1e-5, $"cosine of {a} and {b}: {actual}, brute force {expected}; {TestSeed.Describe(seed)}");
        }
        Assert.True(Math.Abs(1 - vectors.Cosine(3, 3)) < 1e-5);
        Assert.Throws<ArgumentException>(() => new RecallItemVectors(view, ["category"]));
    }

    /// <summary>The cosine of two docs' sqrt(tf) * (1 + ln((docCount + 1) / (docFreq + 1))) vectors over title and body.</summary>
    private static double Brute(IRecallView view, int a, int b)
    {
        Dictionary<string, double> Vector(int doc)
        {
            var v = new Dictionary<string, double>();
            foreach (var field in new[] { "title", "body" })
                foreach (var (term, freq) in view.TermVector(doc, field))
                    v[field + ":" + term] = Math.Sqrt(freq) * (Math.Log((view.DocCount(field) + 1) / (double)(view.DocFreq(field, term) + 1)) + 1);
            return v;
        }
        var (x, y) = (Vector(a), Vector(b));
        double dot = x.Sum(e => y.TryGetValue(e.Key, out var w) ? e.Value * w : 0);
        return dot / Math.Sqrt(x.Values.Sum(w => w * w) * y.Values.Sum(w => w * w));
    }

    [Fact]
    public void Vectors_NoneSet_SpaceIsNullAndEveryVectorEmpty()
    {
        var view = View(Build(new TestCorpus(TestSeed.Next(), 20)));
        Assert.Null(view.VectorSpace);
        Assert.True(view.Vector(0).IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => view.Vector(view.MaxDoc));
    }
}
