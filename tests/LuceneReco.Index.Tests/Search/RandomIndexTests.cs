using System.Globalization;
using LuceneReco.Index.Analysis;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Index.Tests.Search;

/// <summary>
/// Random queries (term, phrase, range, match-all, nested booleans with every occur, minimum-should-match
/// and boosts) on a seeded random index of several segments with deletions, checked against a brute-force
/// model of the documents: the hits are exactly the matching live docs, every hit's explanation has the
/// hit's score bit for bit, non-matching docs explain as null, and a flat boolean's score is the double sum
/// of its clauses scored alone.
/// </summary>
public sealed class RandomIndexTests
{
    public static TheoryData<int, string> Cases => new() { { 7, "classic" }, { 7, "bm25" }, { 99, "classic" }, { 99, "bm25" }, { 2024, "bm25" } };

    private static readonly string[] Vocabulary =
        ["apple", "banana", "cherry", "grape", "lemon", "mango", "melon", "olive", "peach", "pear", "plum", "berry", "the", "and", "of", "red", "green", "ripe", "sweet", "sour"];

    internal static readonly string[] Tags = ["a", "b", "c", "d", "e"];

    /// <summary>One document as the model sees it: the analyzed terms of each text field with their positions, tags and price.</summary>
    internal sealed record ModelDoc(string Id, Dictionary<string, List<(string Term, int Position)>> Text, HashSet<string> Tags, double? Price)
    {
        public bool Live { get; set; } = true;
    }

    private sealed class PositionRecorder : ITokenConsumer
    {
        public List<(string, int)> Tokens { get; } = new();
        public void OnToken(ReadOnlySpan<char> term, int position) => Tokens.Add((term.ToString(), position));
    }

    [Theory, MemberData(nameof(Cases))]
    public void RandomQueries_HitsMatchTheModelAndExplanationsEqualScores(int seed, string similarity) => Seeded.Run(seed, r =>
    {
        using var dir = new TempDir();
        var (reader, model) = BuildIndex(r, dir.Path);
        Assert.True(reader.Stats.Segments >= 3, "expected several segments");
        var searcher = new IndexSearcher(reader, Similarity.ByName(similarity));
        for (int q = 0; q < 40; q++)
        {
            var query = RandomQuery(r, depth: 0);
            int exclude = r.Next(3) == 0 ? r.Next(reader.MaxDoc) : -1;
            var top = searcher.Search(query, IndexSearcher.MaxK, exclude);
            var expected = Enumerable.Range(0, model.Count).Where(d => model[d].Live && d != exclude && Matches(query, model[d])).ToList();
            if (!expected.SequenceEqual(top.Hits.Select(h => h.Doc).Order()))
                Assert.Fail($"query {q}: {Describe(query)}\nexpected {string.Join(",", expected)}\nactual   {string.Join(",", top.Hits.Select(h => h.Doc).Order())}");
            Assert.Equal(expected.Count, top.TotalHits);

            for (int i = 1; i < top.Hits.Count; i++)
                if (!(top.Hits[i - 1].Score > top.Hits[i].Score || (top.Hits[i - 1].Score == top.Hits[i].Score && top.Hits[i - 1].Doc < top.Hits[i].Doc)))
                    Assert.Fail($"query {q}: hits {i - 1} and {i} out of order");

            foreach (var hit in top.Hits)
            {
                var e = searcher.Explain(query, hit.Doc);
                if (e is null)
                    Assert.Fail($"query {q}: hit {hit.Doc} has no explanation\n{Describe(query)}");
                if (BitConverter.SingleToInt32Bits(e.Value) != BitConverter.SingleToInt32Bits(hit.Score))
                    Assert.Fail($"query {q}: doc {hit.Doc} scored {hit.Score:R} but explains {e.Value:R}\n{Describe(query)}\n{e}");
            }
            for (int d = 0; d < model.Count; d++)
                if (!model[d].Live || (d != exclude && !expected.Contains(d) && d % 3 == 0))
                    if (searcher.Explain(query, d) is not null)
                        Assert.Fail($"query {q}: doc {d} does not match but has an explanation\n{Describe(query)}");
        }
    });

    [Theory, MemberData(nameof(Cases))]
    public void RandomFlatBoolean_Score_IsTheDoubleSumOfItsClausesScoredAlone(int seed, string similarity) => Seeded.Run(seed, r =>
    {
        using var dir = new TempDir();
        var (reader, _) = BuildIndex(r, dir.Path);
        var searcher = new IndexSearcher(reader, Similarity.ByName(similarity));
        for (int q = 0; q < 30; q++)
        {
            var clauses = Enumerable.Range(0, r.Next(1, 6)).Select(_ => new BooleanClause(RandomLeaf(r), r.Next(4) == 0 ? Occur.Must : Occur.Should)).ToList();
            float boost = r.Next(2) == 0 ? 1f : (float)(0.1 + r.NextDouble() * 5);
            var query = new BooleanQuery(clauses) { Boost = boost };
            var alone = clauses.Select(c => searcher.Search(c.Query, IndexSearcher.MaxK).Hits.ToDictionary(h => h.Doc, h => h.Score)).ToList();
            foreach (var hit in searcher.Search(query, IndexSearcher.MaxK).Hits)
            {
                double sum = 0;
                foreach (var scores in alone) if (scores.TryGetValue(hit.Doc, out float s)) sum += s;
                float expected = boost == 1f ? (float)sum : (float)sum * boost;
                if (expected != hit.Score)
                    Assert.Fail($"query {q}: doc {hit.Doc} scored {hit.Score:R}, clauses alone sum to {expected:R}\n{Describe(query)}");
            }
        }
    });

    /// <summary>About 600 docs in batches flushed as separate segments (no merges), then random deletes seen through an NRT reader.</summary>
    internal static (IndexReader Reader, List<ModelDoc> Model) BuildIndex(Random r, string path)
    {
        var analyzer = Analyzers.ByName("english");
        var model = new List<ModelDoc>();
        var writer = IndexWriter.Open(path, new IndexWriterOptions { Schema = SmallIndex.Schema, BackgroundMerges = false, MergeFactor = 100 });
        using (writer)
        {
            int batches = r.Next(3, 6);
            for (int b = 0; b < batches; b++)
            {
                for (int i = r.Next(50, 200); i > 0; i--)
                {
                    string id = "d" + model.Count;
                    var doc = new Document(id);
                    var text = new Dictionary<string, List<(string, int)>>();
                    foreach (var field in new[] { "title", "body" })
                    {
                        if (r.Next(10) == 0) { text[field] = []; continue; } // some docs lack the field
                        string value = string.Join(' ', Enumerable.Range(0, field == "title" ? r.Next(1, 5) : r.Next(1, 40)).Select(_ => Word(r)));
                        doc.Add(field, value);
                        var recorder = new PositionRecorder();
                        analyzer.Analyze(value, recorder);
                        text[field] = recorder.Tokens;
                    }
                    var tags = Tags.Where(_ => r.Next(3) == 0).ToHashSet();
                    foreach (var t in tags) doc.Add("tags", t);
                    double? price = r.Next(5) == 0 ? null : r.Next(0, 100) / 4.0;
                    if (price is double p) doc.Add("price", p);
                    writer.Add(doc);
                    model.Add(new ModelDoc(id, text, tags, price));
                }
                writer.GetReader(); // flushes the batch as its own segment
            }
            foreach (var d in model.Where(_ => r.Next(8) == 0))
            {
                Assert.True(writer.Delete(d.Id));
                d.Live = false;
            }
            return (writer.GetReader(), model);
        }
    }

    /// <summary>Zipf-like: early words are much more common, so terms have a wide range of document frequencies.</summary>
    internal static string Word(Random r) => Vocabulary[(int)(Vocabulary.Length * Math.Pow(r.NextDouble(), 2))];

    internal static string Term(string word) => Analyzers.ByName("english").Terms(word).Single();

    private static Query RandomLeaf(Random r)
    {
        string field = r.Next(3) == 0 ? "title" : "body";
        float boost = r.Next(3) == 0 ? (float)(0.25 + r.NextDouble() * 4) : 1f;
        string ContentWord() { string w; do w = Word(r); while (w is "the" or "and" or "of"); return Term(w); }
        return r.Next(10) switch
        {
            < 5 => new TermQuery(field, ContentWord()) { Boost = boost },
            5 or 6 => new PhraseQuery(field, Enumerable.Range(0, r.Next(2, 4)).Select(_ => ContentWord()).ToList()) { Boost = boost },
            7 => new TermQuery("tags", Tags[r.Next(Tags.Length)]) { Boost = boost },
            8 => new NumericRangeQuery("price", r.Next(2) == 0 ? null : r.Next(0, 25), r.Next(2) == 0 ? null : r.Next(0, 25)) { Boost = boost },
            _ => new MatchAllQuery { Boost = boost },
        };
    }

    private static Query RandomQuery(Random r, int depth)
    {
        if (depth >= 2 || r.Next(3) == 0) return RandomLeaf(r);
        var clauses = Enumerable.Range(0, r.Next(1, 5))
            .Select(_ => new BooleanClause(RandomQuery(r, depth + 1), (Occur)r.Next(4)))
            .ToList();
        int shoulds = clauses.Count(c => c.Occur == Occur.Should);
        int msm = r.Next(3) == 0 ? r.Next(0, shoulds + 2) : 0;
        return new BooleanQuery(clauses, msm) { Boost = r.Next(3) == 0 ? (float)(0.5 + r.NextDouble() * 3) : 1f };
    }

    /// <summary>Lucene's query syntax, for failure messages: +must -mustNot #filter should, ~msm, ^boost.</summary>
    internal static string Describe(Query q)
    {
        string body = q switch
        {
            TermQuery t => $"{t.Field}:{t.Term}",
            PhraseQuery p => $"{p.Field}:\"{string.Join(' ', p.Terms)}\"",
            NumericRangeQuery n => $"{n.Field}:[{n.Min?.ToString(CultureInfo.InvariantCulture) ?? "*"} TO {n.Max?.ToString(CultureInfo.InvariantCulture) ?? "*"}]",
            MatchAllQuery => "*:*",
            BooleanQuery b => "(" + string.Join(' ', b.Clauses.Select(c => c.Occur switch { Occur.Must => "+", Occur.MustNot => "-", Occur.Filter => "#", _ => "" } + Describe(c.Query)))
                + ")" + (b.MinimumShouldMatch > 0 ? "~" + b.MinimumShouldMatch : ""),
            _ => q.ToString(),
        };
        return q.Boost == 1f ? body : body + "^" + q.Boost.ToString("R", CultureInfo.InvariantCulture);
    }

    private static bool Matches(Query q, ModelDoc d) => q switch
    {
        TermQuery { Field: "tags" } t => d.Tags.Contains(t.Term),
        TermQuery t => d.Text[t.Field].Any(x => x.Term == t.Term),
        PhraseQuery p => d.Text[p.Field].Any(first => first.Term == p.Terms[0]
            && Enumerable.Range(1, p.Terms.Count - 1).All(i => d.Text[p.Field].Contains((p.Terms[i], first.Position + i)))),
        NumericRangeQuery n => d.Price is double v && v >= (n.Min ?? double.NegativeInfinity) && v <= (n.Max ?? double.PositiveInfinity),
        MatchAllQuery => true,
        BooleanQuery b => MatchesBoolean(b, d),
        _ => throw new ArgumentException("unexpected query " + q),
    };

    private static bool MatchesBoolean(BooleanQuery b, ModelDoc d)
    {
        bool required = true, excluded = false;
        int should = 0;
        foreach (var c in b.Clauses)
        {
            bool m = Matches(c.Query, d);
            switch (c.Occur)
            {
                case Occur.Must or Occur.Filter: required &= m; break;
                case Occur.MustNot: excluded |= m; break;
                default: if (m) should++; break;
            }
        }
        bool hasRequired = b.Clauses.Any(c => c.Occur is Occur.Must or Occur.Filter);
        return required && !excluded && should >= Math.Max(b.MinimumShouldMatch, hasRequired ? 0 : 1);
    }
}
