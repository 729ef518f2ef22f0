using LuceneReco.Index.Documents;
using LuceneReco.Index.Search.Similarities;
using LuceneReco.Index.Search.Weights;

namespace LuceneReco.Index.Search;

/// <summary>
/// Runs queries against one <see cref="IndexReader"/>: compiles the query (statistics, scorers), scores
/// each segment term-at-a-time, and keeps the top k (ties broken by doc number, as Lucene does).
/// Thread-safe; cheap to create.
/// </summary>
public sealed class IndexSearcher
{
    /// <summary>The largest k a search accepts.</summary>
    public const int MaxK = 100_000;

    /// <summary>Creates a searcher scoring with <paramref name="similarity"/> (BM25 by default, as Lucene 8).</summary>
    public IndexSearcher(IndexReader reader, Similarity? similarity = null)
    {
        Reader = reader ?? throw new ArgumentNullException(nameof(reader));
        Similarity = similarity ?? new Bm25Similarity();
        _termVectorFields = reader.Schema.Fields.Select(f => f.TermVectors).ToArray();
    }

    private readonly bool[] _termVectorFields;

    /// <summary>The reader searched.</summary>
    public IndexReader Reader { get; }

    /// <summary>The ranking model.</summary>
    public Similarity Similarity { get; }

    /// <summary>The best <paramref name="k"/> live hits of <paramref name="query"/>, leaving out doc <paramref name="excludeDoc"/> (-1: none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not in 1..<see cref="MaxK"/>.</exception>
    /// <exception cref="ArgumentException">The query names an unknown field or uses a field the wrong way.</exception>
    public TopDocs Search(Query query, int k, int excludeDoc = -1)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (k < 1 || k > MaxK) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and {MaxK}");
        var weight = Compile(query);
        var collector = new TopKCollector(k);
        using var lease = Reader.Acquire();
        foreach (var leaf in Reader.Leaves)
        {
            int exclude = excludeDoc - leaf.DocBase;
            if (weight is BooleanWeight disjunction && PrunedDisjunction.Applies(disjunction))
            {
                PrunedDisjunction.Collect(disjunction, leaf, collector, k, exclude, _termVectorFields);
            }
            else if (weight is BooleanWeight boolean)
            {
                var acc = Accumulator.ForThread(leaf.Core.MaxDoc);
                boolean.Accumulate(leaf, acc);
                var touched = acc.Touched;
                var live = leaf.Live;
                for (int i = 0; i < acc.TouchedCount; i++)
                {
                    int d = touched[i];
                    if (d == exclude || !live.IsLive(d) || !boolean.Matches(acc, d)) continue;
                    collector.Collect(leaf.DocBase + d, boolean.FinalScore(acc, d));
                }
            }
            else
            {
                weight.Score(leaf, new CollectSink(collector, leaf, exclude));
            }
        }
        return collector.ToTopDocs();
    }

    /// <summary>
    /// Every live doc matching <paramref name="query"/>, as bits over the reader's doc numbers (scores are ignored), for
    /// filters that a caller checks doc by doc (a plugin's candidate source honouring the request's filters).
    /// </summary>
    /// <exception cref="ArgumentException">The query names an unknown field or uses a field the wrong way.</exception>
    public System.Collections.BitArray Matching(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var weight = Compile(query);
        var bits = new System.Collections.BitArray(Math.Max(1, Reader.MaxDoc));
        using var lease = Reader.Acquire();
        foreach (var leaf in Reader.Leaves)
        {
            var live = leaf.Live;
            if (weight is BooleanWeight boolean)
            {
                var acc = Accumulator.ForThread(leaf.Core.MaxDoc);
                boolean.Accumulate(leaf, acc);
                var touched = acc.Touched;
                for (int i = 0; i < acc.TouchedCount; i++)
                {
                    int d = touched[i];
                    if (live.IsLive(d) && boolean.Matches(acc, d)) bits[leaf.DocBase + d] = true;
                }
            }
            else
            {
                weight.Score(leaf, new MatchSink(bits, leaf));
            }
        }
        return bits;
    }

    private sealed class MatchSink(System.Collections.BitArray bits, LeafReader leaf) : IHitSink
    {
        public void Hit(int doc, float score)
        {
            if (leaf.Live.IsLive(doc)) bits[leaf.DocBase + doc] = true;
        }
    }

    /// <summary>Why <paramref name="doc"/> scores what it does for <paramref name="query"/>; null when it does not match.</summary>
    public Explanation? Explain(Query query, int doc)
    {
        var weight = Compile(query);
        using var lease = Reader.Acquire();
        var leaf = Reader.LeafOf(doc, out int local);
        return leaf.Live.IsLive(local) ? weight.Explain(leaf, local) : null;
    }

    private sealed class CollectSink(TopKCollector collector, LeafReader leaf, int exclude) : IHitSink
    {
        public void Hit(int doc, float score)
        {
            if (doc != exclude && leaf.Live.IsLive(doc)) collector.Collect(leaf.DocBase + doc, score);
        }
    }

    internal Weight Compile(Query query)
    {
        switch (query)
        {
            case TermQuery t:
            {
                var (field, def) = Field(t.Field, FieldKind.Text, FieldKind.Keyword);
                var collection = Collection(field, t.Field);
                var stats = new TermStatistics(t.Term, Reader.DocFreq(field, t.Term), 0);
                return new TermWeight(field, t.Term, Similarity.Scorer(t.Boost, collection, stats), def.Kind == FieldKind.Text, t.Field);
            }
            case PhraseQuery p:
            {
                var (field, _) = Field(p.Field, FieldKind.Text);
                if (p.Terms.Count == 0) throw new ArgumentException("A phrase needs at least one term.", nameof(query));
                if (p.Terms.Count == 1) return Compile(new TermQuery(p.Field, p.Terms[0]) { Boost = p.Boost });
                var stats = p.Terms.Select(term => new TermStatistics(term, Reader.DocFreq(field, term), 0)).ToList();
                return new PhraseWeight(field, p.Terms.ToArray(), Similarity.PhraseScorer(p.Boost, Collection(field, p.Field), stats), p.Field);
            }
            case NumericRangeQuery r:
            {
                var (field, _) = Field(r.Field, FieldKind.Numeric);
                return new NumericRangeWeight(field, r.Min ?? double.NegativeInfinity, r.Max ?? double.PositiveInfinity, r.Boost, r.Field);
            }
            case MatchAllQuery m:
                return new MatchAllWeight(m.Boost);
            case BooleanQuery b:
            {
                if (b.Clauses.Count == 0) throw new ArgumentException("A boolean query needs at least one clause.", nameof(query));
                if (b.MinimumShouldMatch < 0) throw new ArgumentOutOfRangeException(nameof(query), b.MinimumShouldMatch, "minimum should match must be >= 0");
                return new BooleanWeight(b.Clauses.Select(c => (Compile(c.Query), c.Occur)).ToList(), b.MinimumShouldMatch, b.Boost);
            }
            default:
                throw new ArgumentException($"Unsupported query type {query.GetType().Name}.", nameof(query));
        }
    }

    internal CollectionStatistics Collection(int field, string name)
    {
        long sumTtf = 0;
        foreach (var leaf in Reader.Leaves) if (leaf.Core.Fields[field] is { } t) sumTtf += t.SumTotalTermFreq;
        return new CollectionStatistics(name, Reader.MaxDoc, Reader.DocCount(field), sumTtf);
    }

    private (int Number, FieldDefinition Definition) Field(string name, params FieldKind[] kinds)
    {
        int number = Reader.FieldNumber(name);
        var def = Reader.Schema.Fields[number];
        if (!kinds.Contains(def.Kind))
            throw new ArgumentException($"Field '{name}' is a {def.Kind.ToString().ToLowerInvariant()} field; this query needs {string.Join(" or ", kinds.Select(k => k.ToString().ToLowerInvariant()))}.");
        return (number, def);
    }
}
