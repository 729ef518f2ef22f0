using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Tests.Search;

/// <summary>
/// Top-k of pure disjunctions of term clauses (MoreLikeThis and keyword queries), which the searcher may
/// prune: whatever it skips, the k hits and their scores must be exactly those of scoring every match,
/// each hit must explain to its score, and TotalHits may only undercount (a lower bound).
/// </summary>
public sealed class TopKDisjunctionTests
{
    public static TheoryData<int, string> Cases => new() { { 11, "classic" }, { 11, "bm25" }, { 4242, "classic" }, { 4242, "bm25" } };

    [Theory, MemberData(nameof(Cases))]
    public void SmallK_HitsAndScores_AreTheTopOfExhaustiveScoring(int seed, string similarity) => Seeded.Run(seed, r =>
        CheckAgainstExhaustive(r, similarity, booleanBoost: () => 1f, checkTotalHits: false));

    [Theory]
    [MemberData(nameof(Cases))]
    public void SmallK_BoostedDisjunction_HitsAndScoresAreTheTopOfExhaustiveScoring(int seed, string similarity) => Seeded.Run(seed, r =>
        CheckAgainstExhaustive(r, similarity, booleanBoost: () => r.Next(2) == 0 ? 0.5f : 1 + r.Next(1, 8), checkTotalHits: false));

    [Theory]
    [MemberData(nameof(Cases))]
    public void SmallK_TotalHits_IsBetweenTheHitsAndTheMatches(int seed, string similarity) => Seeded.Run(seed, r =>
        CheckAgainstExhaustive(r, similarity, booleanBoost: () => 1f, checkTotalHits: true));

    /// <summary>
    /// Two clauses, k = 1, the boolean boosted 4 times: after the first term the threshold is the boosted k-th
    /// partial score, compared with unboosted partial sums plus the remaining bound, so the best doc (the only
    /// one with both terms, scored 6.38) is dropped and a worse one (4.18) returned; with larger boosts often
    /// no doc is left at all.
    /// </summary>
    [Fact]
    public void BoostedDisjunction_KOne_FindsTheBestDoc()
    {
        using var index = new SmallIndex();
        var searcher = index.Searcher(new ClassicSimilarity());
        var q = new BooleanQuery([new(SmallIndex.Body("red"), Occur.Should), new(SmallIndex.Body("apple"), Occur.Should)]) { Boost = 4 };
        var best = searcher.Search(q, 100).Hits[0];
        Assert.Equal([best], searcher.Search(q, 1).Hits);
    }

    /// <summary>
    /// d0 "apple" is live; 100 deleted docs hold "apple pear" and 100 deleted docs "pear", so pear's idf is lower
    /// and its bound falls under d0's score: the search stops after apple and counts the 100 deleted apple docs as
    /// matches. The live matches are d0 and d201 ("pear").
    /// </summary>
    [Fact]
    public void TotalHits_PrunedWithDeletedDocs_NeverExceedsTheLiveMatches()
    {
        using var dir = new TempDir();
        using var w = IndexWriter.Open(dir.Path, new IndexWriterOptions { Schema = SmallIndex.Schema });
        w.Add(new Document("d0").Add("body", "apple"));
        for (int i = 1; i <= 100; i++) w.Add(new Document("d" + i).Add("body", "apple pear"));
        for (int i = 101; i <= 200; i++) w.Add(new Document("d" + i).Add("body", "pear"));
        w.Add(new Document("d201").Add("body", "pear"));
        for (int i = 1; i <= 200; i++) w.Delete("d" + i);
        var reader = w.GetReader();
        var searcher = new IndexSearcher(reader, new ClassicSimilarity());
        var q = new BooleanQuery([new(SmallIndex.Body("apple"), Occur.Should), new(SmallIndex.Body("pear"), Occur.Should)]);
        Assert.Equal(2, searcher.Search(q, 10).TotalHits);
        var top = searcher.Search(q, 1);
        Assert.Equal(["d0"], top.Hits.Select(h => reader.IdOf(h.Doc)));
        Assert.InRange(top.TotalHits, 1, 2);
    }

    private static void CheckAgainstExhaustive(Random r, string similarity, Func<float> booleanBoost, bool checkTotalHits)
    {
        using var dir = new TempDir();
        var (reader, _) = RandomIndexTests.BuildIndex(r, dir.Path);
        var searcher = new IndexSearcher(reader, Similarity.ByName(similarity));
        int pruned = 0;
        for (int q = 0; q < 60; q++)
        {
            var clauses = Enumerable.Range(0, r.Next(2, 26)).Select(_ => new BooleanClause(RandomTerm(r), Occur.Should)).ToList();
            var query = new BooleanQuery(clauses, MinimumShouldMatch: r.Next(2)) { Boost = booleanBoost() };
            int k = r.Next(1, 12);
            int exclude = r.Next(2) == 0 ? r.Next(reader.MaxDoc) : -1;
            var all = searcher.Search(query, IndexSearcher.MaxK, exclude); // k above the hit count: nothing can be pruned
            var top = searcher.Search(query, k, exclude);
            var expected = all.Hits.Take(k).ToList();
            if (!expected.SequenceEqual(top.Hits))
                Assert.Fail($"query {q} (k {k}, exclude {exclude}): {RandomIndexTests.Describe(query)}\n"
                    + $"expected {string.Join(" ", expected)}\nactual   {string.Join(" ", top.Hits)}");
            if (top.TotalHits != all.TotalHits) pruned++;
            if (checkTotalHits && !(top.TotalHits <= all.TotalHits && top.TotalHits >= top.Hits.Count))
                Assert.Fail($"query {q} (k {k}, exclude {exclude}): TotalHits {top.TotalHits} is not between {top.Hits.Count} and the {all.TotalHits} matches\n{RandomIndexTests.Describe(query)}");
            foreach (var hit in top.Hits)
                if (BitConverter.SingleToInt32Bits(searcher.Explain(query, hit.Doc)!.Value) != BitConverter.SingleToInt32Bits(hit.Score))
                    Assert.Fail($"query {q}: doc {hit.Doc} scored {hit.Score:R} but explains otherwise\n{RandomIndexTests.Describe(query)}");
        }
        Assert.True(pruned > 0, "no query was pruned: the test does not reach the pruning path");
    }

    private static TermQuery RandomTerm(Random r)
    {
        float boost = r.Next(3) == 0 ? (float)(0.25 + r.NextDouble() * 4) : 1f;
        string ContentTerm() { string w; do w = RandomIndexTests.Word(r); while (w is "the" or "and" or "of"); return RandomIndexTests.Term(w); }
        return r.Next(8) switch
        {
            0 => new TermQuery("tags", RandomIndexTests.Tags[r.Next(RandomIndexTests.Tags.Length)]) { Boost = boost },
            1 => new TermQuery("title", ContentTerm()) { Boost = boost },
            _ => new TermQuery("body", ContentTerm()) { Boost = boost },
        };
    }
}
