using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;

namespace LuceneReco.Index.LuceneNet.Tests.Backends;

/// <summary>
/// What every backend of <see cref="IRecallIndex"/> must do, whatever its exact scores: the hit sets of boolean queries
/// and filters (against brute force), order by score, explanations equal to scores, updates and deletes, term vectors,
/// statistics, stored fields, refresh and read-only opening. One subclass per backend supplies the factories.
/// </summary>
public abstract partial class RecallIndexContract : IDisposable
{
    private readonly TempDir _temp = new();
    private readonly List<IDisposable> _open = new();

    /// <summary>A new, empty, writable index with <paramref name="schema"/> at <paramref name="directory"/>.</summary>
    protected abstract IRecallIndex Create(string directory, IndexSchema schema);

    /// <summary>The committed index at <paramref name="directory"/>, opened read-only.</summary>
    protected abstract IRecallIndex OpenReadOnly(string directory);

    protected string Dir => _temp.Sub("index");

    /// <summary>An index holding <paramref name="corpus"/>, committed and refreshed.</summary>
    private protected IRecallIndex Build(TestCorpus corpus)
    {
        var index = Create(Dir, TestCorpus.Schema);
        _open.Add(index);
        foreach (var d in corpus.Items) index.Add(d);
        index.Commit();
        index.Refresh();
        return index;
    }

    protected IRecallView View(IRecallIndex index)
    {
        var view = index.Acquire();
        _open.Add(view);
        return view;
    }

    /// <summary>The indexed form of a corpus word (the English analyzers stem some of them).</summary>
    private static string Term(IRecallView view, string word) => view.Analyze("body", word).Single();

    private static Query RandomQuery(Random random, IRecallView view)
    {
        var clauses = new List<BooleanClause>();
        int n = 1 + random.Next(4);
        for (int i = 0; i < n; i++)
        {
            string field = random.Next(3) == 0 ? "title" : "body";
            var occur = random.Next(5) switch { 0 => Occur.Must, 1 => Occur.MustNot, _ => Occur.Should };
            clauses.Add(new BooleanClause(new TermQuery(field, Term(view, TestCorpus.Words[random.Next(TestCorpus.Words.Length)])), occur));
        }
        if (random.Next(2) == 0) clauses.Add(new BooleanClause(new TermQuery("category", TestCorpus.Categories[random.Next(3)]), Occur.Filter));
        if (random.Next(3) == 0) clauses.Add(new BooleanClause(new NumericRangeQuery("price", random.Next(50), random.Next(2) == 0 ? null : 50 + random.Next(50)), Occur.Filter));
        int msm = random.Next(4) == 0 ? 1 + random.Next(2) : 0;
        return new BooleanQuery(clauses, msm);
    }

    [Fact]
    public void Search_RandomBooleanQueriesAndFilters_HitSetsEqualBruteForce()
    {
        int seed = TestSeed.Next();
        var corpus = new TestCorpus(seed, 150);
        var view = View(Build(corpus));
        var random = new Random(seed);
        for (int i = 0; i < 60; i++)
        {
            var query = RandomQuery(random, view);
            var expected = BruteForce.Matching(query, corpus.Items, view);
            Assert.True(expected.SetEquals(BruteForce.Hits(view, query)), $"search hits of {query} differ from brute force; {TestSeed.Describe(seed)}");
            Assert.True(expected.SetEquals(BruteForce.Bits(view, query)), $"matching bits of {query} differ from brute force; {TestSeed.Describe(seed)}");
            // TotalHits is exact on Lucene.Net and a lower bound where the native index prunes a disjunction
            Assert.InRange(view.Search(query, 3).TotalHits, Math.Min(3, expected.Count), expected.Count);
        }
    }

    [Fact]
    public void Search_Hits_OrderedByScoreThenDoc_AndExplanationEqualsScore()
    {
        int seed = TestSeed.Next();
        var view = View(Build(new TestCorpus(seed, 150)));
        var random = new Random(seed);
        foreach (var similarity in new Search.Similarities.Similarity[] { new Search.Similarities.Bm25Similarity(), new Search.Similarities.ClassicSimilarity() })
            for (int i = 0; i < 30; i++)
            {
                var query = RandomQuery(random, view);
                var hits = view.Search(query, 20, similarity).Hits;
                for (int h = 1; h < hits.Count; h++)
                    Assert.True(hits[h - 1].Score > hits[h].Score || hits[h - 1].Score == hits[h].Score && hits[h - 1].Doc < hits[h].Doc,
                        $"hit {h} of {query} is out of order ({similarity.Name}); {TestSeed.Describe(seed)}");
                foreach (var hit in hits.Take(5))
                {
                    var explanation = view.Explain(query, hit.Doc, similarity);
                    Assert.NotNull(explanation);
                    Assert.True(Math.Abs(explanation.Value - hit.Score) <= ScoreTolerance * Math.Max(1, hit.Score),
                        $"explanation {explanation.Value} != score {hit.Score} for {query} ({similarity.Name}); {TestSeed.Describe(seed)}");
                }
            }
    }

    /// <summary>How far an explanation may be from its score, relative; 0 where the backend sums exactly as it scores.</summary>
    protected virtual float ScoreTolerance => 0f;

    [Fact]
    public void Parse_WordsAndFilters_HitSetEqualsBruteForce()
    {
        int seed = TestSeed.Next();
        var corpus = new TestCorpus(seed, 120);
        var view = View(Build(corpus));
        var query = view.Parse("+orbit station -rocket", ["category=alpha", "price=10..80"]);
        Assert.True(BruteForce.Matching(query, corpus.Items, view).SetEquals(BruteForce.Hits(view, query)), TestSeed.Describe(seed));
        var words = view.Parse("Glacier Tundra", ["category=beta"]);
        var expected = corpus.Items.Where(d => d.Get("category") == "beta"
            && (d.Get("title") + " " + d.Get("body")).Split(' ').Any(w => w is "glacier" or "tundra")).Select(d => d.Id).ToHashSet();
        Assert.True(expected.SetEquals(BruteForce.Hits(view, words)), TestSeed.Describe(seed));
    }

    [Fact]
    public void UpdateAndDelete_AfterRefresh_ChangeHitsAndCounts()
    {
        int seed = TestSeed.Next();
        var corpus = new TestCorpus(seed, 80);
        var index = Build(corpus);
        Assert.True(index.Update(new Document("item-3").Add("title", "zephyr zephyr").Add("body", "nectar").Add("category", "beta").Add("price", 5)));
        Assert.False(index.Update(new Document("new-1").Add("title", "zephyr").Add("body", "nectar basalt").Add("category", "gamma").Add("price", 6)));
        Assert.True(index.Delete("item-5"));
        Assert.False(index.Delete("no-such-item"));
        Assert.Throws<ArgumentException>(() => index.Add(new Document("item-7").Add("title", "x")));
        using (var before = index.Acquire())
        {
            Assert.True(before.DocOf("item-5") >= 0, "a view taken before the refresh still sees the deleted item");
            Assert.Equal(-1, before.DocOf("new-1"));
        }
        Assert.True(index.Refresh());
        var view = View(index);
        Assert.Equal(-1, view.DocOf("item-5"));
        Assert.Equal(80, view.NumDocs);
        int updated = view.DocOf("item-3");
        Assert.Equal("zephyr zephyr", view.Stored(updated).Get("title"));
        var hits = BruteForce.Hits(view, new TermQuery("title", "zephyr"));
        Assert.Contains("item-3", hits);
        Assert.Contains("new-1", hits);
        Assert.DoesNotContain("item-5", BruteForce.Hits(view, new MatchAllQuery()));
        Assert.Equal(2, view.Freq(updated, "title", "zephyr"));
        Assert.Equal(0, view.Freq(updated, "title", "orbit"));
    }

    [Fact]
    public void DeleteByKeyword_RemovesEveryItemOfTheValue_AndCountsThem()
    {
        var corpus = new TestCorpus(TestSeed.Next(), 90);
        var index = Build(corpus);
        int alpha = corpus.Items.Count(d => d.Get("category") == "alpha");
        Assert.Equal(alpha, index.DeleteByKeyword("category", "alpha"));
        index.Commit();
        index.Refresh();
        var view = View(index);
        Assert.Equal(90 - alpha, view.NumDocs);
        Assert.Empty(BruteForce.Hits(view, new TermQuery("category", "alpha")));
        Assert.Equal(alpha, view.Stats.DeletedDocuments + (90 - view.MaxDoc));
    }

    [Fact]
    public void TermVectorAndStatistics_EqualCountsOverTheItems()
    {
        int seed = TestSeed.Next();
        var corpus = new TestCorpus(seed, 100);
        var view = View(Build(corpus));
        long sum = 0;
        foreach (var d in corpus.Items)
        {
            var terms = view.Analyze("body", d.Get("body")!);
            sum += terms.Count;
            var expected = terms.GroupBy(t => t).Select(g => new TermVectorEntry(g.Key, g.Count())).OrderBy(e => e.Term, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, view.TermVector(view.DocOf(d.Id), "body"));
        }
        Assert.Equal(sum, view.SumTotalTermFreq("body"));
        Assert.Equal(100, view.DocCount("body"));
        foreach (var w in TestCorpus.Words)
        {
            Assert.Equal(corpus.Items.Count(d => d.Get("body")!.Split(' ').Contains(w)), view.DocFreq("body", Term(view, w)));
            Assert.Equal(corpus.Items.Sum(d => d.Get("body")!.Split(' ').Count(x => x == w)), view.TotalTermFreq("body", Term(view, w)));
        }
        Assert.Throws<ArgumentException>(() => view.TermVector(0, "category"));
        Assert.Throws<ArgumentException>(() => view.DocFreq("nosuchfield", "x"));
    }

    [Fact]
    public void StoredFieldsAndIds_RoundTrip()
    {
        var corpus = new TestCorpus(TestSeed.Next(), 60);
        var view = View(Build(corpus));
        foreach (var d in corpus.Items)
        {
            int doc = view.DocOf(d.Id);
            Assert.True(doc >= 0 && view.IsLive(doc));
            Assert.Equal(d.Id, view.IdOf(doc));
            var stored = view.Stored(doc);
            Assert.Equal(d.Get("title"), stored.Get("title"));
            Assert.Equal(d.Get("category"), stored.Get("category"));
            Assert.Equal(d.Numbers[0].Value, view.Number(doc, "price"));
            Assert.Equal(d.Numbers[0].Value, stored.Numbers.Single().Value);
        }
        Assert.Equal(-1, view.DocOf("missing"));
        Assert.Throws<ArgumentOutOfRangeException>(() => view.IdOf(view.MaxDoc));
        var stats = view.Stats;
        Assert.Equal(60, stats.Documents);
        Assert.True(stats.Bytes > 0 && stats.Segments >= 1 && stats.Generation >= 1, stats.ToString());
    }

    [Fact]
    public void OpenReadOnly_RefusesWrites_AndRefreshSeesLaterCommits()
    {
        var corpus = new TestCorpus(TestSeed.Next(), 40);
        var writer = Build(corpus);
        var reader = OpenReadOnly(Dir);
        _open.Add(reader);
        Assert.True(reader.ReadOnly);
        var refused = Assert.Throws<IndexReadOnlyException>(() => reader.Add(new Document("x").Add("title", "orbit")));
        Assert.Equal("add", refused.Operation);
        Assert.Throws<IndexReadOnlyException>(() => reader.Delete("item-1"));
        Assert.Throws<IndexReadOnlyException>(() => reader.Commit());
        long first;
        using (var view = reader.Acquire())
        {
            Assert.Equal(40, view.NumDocs);
            first = view.Version;
        }
        writer.Add(new Document("late").Add("title", "walnut ember").Add("body", "quartz").Add("category", "beta").Add("price", 3));
        writer.Commit();
        Assert.True(reader.Refresh());
        long second;
        using (var view = reader.Acquire())
        {
            Assert.Equal(41, view.NumDocs);
            Assert.True(view.DocOf("late") >= 0);
            second = view.Version;
        }
        Assert.NotEqual(first, second); // what the serving user cache keys on: a new commit is a new version
        Assert.False(reader.Refresh());
        using (var view = reader.Acquire()) Assert.Equal(second, view.Version); // no change, the same version
    }

    public void Dispose()
    {
        for (int i = _open.Count - 1; i >= 0; i--) _open[i].Dispose();
        _temp.Dispose();
    }
}
