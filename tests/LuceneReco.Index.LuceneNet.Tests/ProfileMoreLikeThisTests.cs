using LuceneReco.Index.Backends;
using LuceneReco.Index.LuceneNet.Tests.Backends;
using LuceneReco.Index.Search.MoreLikeThis;

namespace LuceneReco.Index.LuceneNet.Tests;

/// <summary>
/// The weighted-profile MoreLikeThis of the Lucene.Net backend (plain Lucene.Net has none) against a brute-force
/// computation over the same statistics: each term's frequency summed over the profile's term vectors times the
/// weights, scored <c>tf * (1 + ln(numDocs / (docFreq + 1)))</c> with the docFreq of the field where it is most frequent.
/// </summary>
public sealed class ProfileMoreLikeThisTests : IDisposable
{
    private readonly TempDir _temp = new();

    private static readonly string[] Fields = ["title", "body"];

    [Fact]
    public void LikeDocs_RandomWeightedProfiles_ChooseTheBruteForceBestTerms()
    {
        int seed = TestSeed.Next();
        var corpus = new TestCorpus(seed, 300);
        using var index = LuceneNetRecallIndex.Open(_temp.Sub("i"), TestCorpus.Schema);
        foreach (var d in corpus.Items) index.Add(d);
        index.Commit();
        index.Refresh();
        using var view = index.Acquire();
        var random = new Random(seed);
        var options = new MoreLikeThisOptions { MinTermFreq = 2, MinDocFreq = 3, MaxQueryTerms = 6 };
        for (int round = 0; round < 40; round++)
        {
            var profile = Enumerable.Range(0, 1 + random.Next(6))
                .Select(_ => random.Next(view.MaxDoc)).Distinct()
                .Select(d => (Doc: d, Weight: (float)(0.1 + random.NextDouble() * 3))).ToList();
            var brute = BruteForce(view, profile, options);
            var mlt = view.LikeDocs(profile, options);
            string why = $"profile {string.Join(", ", profile)}; {TestSeed.Describe(seed)}";
            Assert.Equal(Math.Min(options.MaxQueryTerms, brute.Count), mlt.Terms.Count);
            for (int i = 0; i < mlt.Terms.Count; i++)
                Assert.True(mlt.Terms[i].Score == brute[i].Score, $"term {i}: {mlt.Terms[i]} vs brute force {brute[i]}; {why}");
            float last = mlt.Terms.Count > 0 ? mlt.Terms[^1].Score : float.PositiveInfinity;
            foreach (var t in mlt.Terms)
            {
                var b = brute.Single(x => x.Term == t.Term);
                Assert.Equal((b.Field, b.Tf, b.DocFreq), (t.Field, t.Tf, t.DocFreq));
            }
            // everything strictly better than the last chosen term is chosen (ties at the boundary may go either way)
            Assert.All(brute.Where(b => b.Score > last), b => Assert.Contains(mlt.Terms, t => t.Term == b.Term));
            var hits = view.MoreLikeThis(mlt, 20, options);
            Assert.DoesNotContain(hits, h => profile.Any(p => p.Doc == h.Doc));
        }
    }

    [Fact]
    public void LikeDocs_AllWeightsDoubled_ChoosesTheSameTerms()
    {
        int seed = TestSeed.Next();
        var corpus = new TestCorpus(seed, 200);
        using var index = LuceneNetRecallIndex.Open(_temp.Sub("i"), TestCorpus.Schema);
        foreach (var d in corpus.Items) index.Add(d);
        index.Commit();
        index.Refresh();
        using var view = index.Acquire();
        var options = new MoreLikeThisOptions { MinTermFreq = 1, MinDocFreq = 2, MaxQueryTerms = 5 };
        // weights of at least 1, so every term of the profile has a weighted frequency >= MinTermFreq both times (with
        // smaller weights, doubling them rightly lets more terms pass that threshold)
        var once = view.LikeDocs([(1, 1f), (2, 1.5f), (3, 1f)], options);
        var twice = view.LikeDocs([(1, 2f), (2, 3f), (3, 2f)], options);
        Assert.True(once.Terms.Select(t => t.Term).SequenceEqual(twice.Terms.Select(t => t.Term)),
            $"seed {seed}: {string.Join(",", once.Terms.Select(t => t.Term))} vs {string.Join(",", twice.Terms.Select(t => t.Term))}");
        Assert.All(once.Terms.Zip(twice.Terms), p => Assert.Equal(2 * p.First.Score, p.Second.Score, 4));
    }

    [Fact]
    public void LikeDocs_BadWeightOrDeletedDoc_Throws()
    {
        using var index = LuceneNetRecallIndex.Open(_temp.Sub("i"), TestCorpus.Schema);
        foreach (var d in new TestCorpus(1, 20).Items) index.Add(d);
        index.Delete("item-4");
        index.Commit();
        index.Refresh();
        using var view = index.Acquire();
        var options = new MoreLikeThisOptions();
        Assert.Throws<ArgumentException>(() => view.LikeDocs([(1, 0f)], options));
        Assert.Throws<ArgumentException>(() => view.LikeDocs([(1, float.NaN)], options));
        Assert.Throws<ArgumentException>(() => view.LikeDocs([], options));
        Assert.Throws<ArgumentException>(() => view.LikeDocs([(4, 1f)], options));
        var bm25 = Assert.Throws<BackendFeatureUnavailableException>(() => view.LikeDoc(1, new MoreLikeThisOptions { TermSelection = TermSelection.Bm25 }));
        Assert.Contains("lucenenet", bm25.Message);
    }

    private static List<InterestingTerm> BruteForce(IRecallView view, List<(int Doc, float Weight)> profile, MoreLikeThisOptions options)
    {
        var tf = new Dictionary<string, float>();
        foreach (var (doc, weight) in profile)
            foreach (var field in Fields)
                foreach (var (term, freq) in view.TermVector(doc, field))
                    tf[term] = tf.GetValueOrDefault(term) + freq * weight;
        var result = new List<InterestingTerm>();
        foreach (var (term, freq) in tf)
        {
            if (freq < options.MinTermFreq) continue;
            string top = Fields[0];
            int df = 0;
            foreach (var field in Fields)
                if (view.DocFreq(field, term) is var f && f > df) (top, df) = (field, f);
            if (df < options.MinDocFreq) continue;
            float idf = (float)(Math.Log(view.NumDocs / (double)(df + 1)) + 1.0);
            result.Add(new InterestingTerm(top, term, freq * idf, idf, df, freq));
        }
        return result.OrderByDescending(t => t.Score).ToList();
    }

    public void Dispose() => _temp.Dispose();
}
