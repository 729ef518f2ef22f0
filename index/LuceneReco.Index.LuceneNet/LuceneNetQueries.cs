using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Search.Similarities;
using Our = LuceneReco.Index.Search;
using LuceneQuery = Lucene.Net.Search.Query;
using LuceneSimilarity = Lucene.Net.Search.Similarities.Similarity;

namespace LuceneReco.Index.LuceneNet;

/// <summary>
/// Our query records as Lucene.Net 4.8 queries, and our similarities as its. Lucene 4.8 has no FILTER clause: a boolean
/// query's filter clauses become a <see cref="FilteredQuery"/> around its scoring clauses, so they narrow the hits
/// without changing scores, as a filter clause does on the native index.
/// </summary>
internal static class LuceneNetQueries
{
    /// <summary>The Lucene.Net query for <paramref name="query"/>; throws <see cref="ArgumentException"/> for an unknown field or a field used the wrong way.</summary>
    public static LuceneQuery Translate(Our.Query query, LuceneNetSchema schema)
    {
        switch (query)
        {
            case Our.TermQuery t:
                Require(schema, t.Field, "text", "keyword");
                return new TermQuery(new Term(t.Field, t.Term)) { Boost = t.Boost };
            case Our.PhraseQuery p:
            {
                Require(schema, p.Field, "text");
                if (p.Terms.Count == 0) throw new ArgumentException("A phrase needs at least one term.", nameof(query));
                var phrase = new PhraseQuery { Boost = p.Boost };
                foreach (var term in p.Terms) phrase.Add(new Term(p.Field, term));
                return phrase;
            }
            case Our.NumericRangeQuery r:
                return new ConstantScoreQuery(Range(r, Require(schema, r.Field, "numeric"))) { Boost = r.Boost };
            case Our.MatchAllQuery m:
                return new MatchAllDocsQuery { Boost = m.Boost };
            case Our.BooleanQuery b:
                return Boolean(b, schema);
            default:
                throw new ArgumentException($"Unsupported query type {query.GetType().Name}.", nameof(query));
        }
    }

    private static LuceneQuery Boolean(Our.BooleanQuery b, LuceneNetSchema schema)
    {
        if (b.Clauses.Count == 0) throw new ArgumentException("A boolean query needs at least one clause.");
        if (b.MinimumShouldMatch < 0) throw new ArgumentOutOfRangeException(nameof(b), b.MinimumShouldMatch, "minimum should match must be >= 0");
        bool hasFilter = false, hasMust = false, hasShould = false, hasScoring = false;
        foreach (var c in b.Clauses)
        {
            hasFilter |= c.Occur == Our.Occur.Filter;
            hasMust |= c.Occur == Our.Occur.Must;
            hasShould |= c.Occur == Our.Occur.Should;
            hasScoring |= c.Occur is Our.Occur.Must or Our.Occur.Should;
        }
        // With a filter and no required clause, should clauses are optional (they only add score): Lucene 4.8 needs a
        // zero-scoring required clause for that, and coord off so that it does not count as a missed clause.
        bool optionalShoulds = hasFilter && !hasMust && hasShould && b.MinimumShouldMatch == 0;
        var scoring = new BooleanQuery(disableCoord: optionalShoulds) { Boost = b.Boost, MinimumNumberShouldMatch = b.MinimumShouldMatch };
        var filters = new BooleanQuery();
        foreach (var c in b.Clauses)
        {
            var q = Translate(c.Query, schema);
            switch (c.Occur)
            {
                case Our.Occur.Should: scoring.Add(q, Occur.SHOULD); break;
                case Our.Occur.Must: scoring.Add(q, Occur.MUST); break;
                case Our.Occur.MustNot: scoring.Add(q, Occur.MUST_NOT); break;
                default: filters.Add(q, Occur.MUST); break;
            }
        }
        if (optionalShoulds) scoring.Add(new MatchAllDocsQuery { Boost = 0 }, Occur.MUST);
        if (!hasFilter) return scoring;
        if (!hasScoring)
        {
            // only filters (and exclusions): every filtered doc matches and scores 0, as the sum of no scoring clauses
            if (scoring.Clauses.Count > 0) { scoring.Add(new MatchAllDocsQuery { Boost = 0 }, Occur.MUST); return new FilteredQuery(scoring, new QueryWrapperFilter(filters)); }
            return new ConstantScoreQuery(new QueryWrapperFilter(filters)) { Boost = 0 };
        }
        return new FilteredQuery(scoring, new QueryWrapperFilter(filters));
    }

    private static LuceneQuery Range(Our.NumericRangeQuery r, LuceneNetField field)
    {
        double min = r.Min ?? double.NegativeInfinity, max = r.Max ?? double.PositiveInfinity;
        return field.NumericTypeName switch
        {
            "int" => NumericRangeQuery.NewInt32Range(r.Field, r.Min is null ? null : (int)Math.Clamp(Math.Ceiling(min), int.MinValue, int.MaxValue),
                r.Max is null ? null : (int)Math.Clamp(Math.Floor(max), int.MinValue, int.MaxValue), true, true),
            "long" => NumericRangeQuery.NewInt64Range(r.Field, r.Min is null ? null : (long)Math.Clamp(Math.Ceiling(min), long.MinValue, long.MaxValue),
                r.Max is null ? null : (long)Math.Clamp(Math.Floor(max), long.MinValue, long.MaxValue), true, true),
            "float" => NumericRangeQuery.NewSingleRange(r.Field, r.Min is null ? null : (float)min, r.Max is null ? null : (float)max, true, true),
            _ => NumericRangeQuery.NewDoubleRange(r.Field, r.Min, r.Max, true, true),
        };
    }

    private static LuceneNetField Require(LuceneNetSchema schema, string field, params string[] kinds)
    {
        var f = schema.Find(field) ?? throw new ArgumentException($"Unknown field '{field}' (fields: {string.Join(", ", schema.Fields.Select(x => x.Name))}).");
        if (!kinds.Contains(f.Kind)) throw new ArgumentException($"Field '{field}' is a {f.Kind} field; this query needs {string.Join(" or ", kinds)}.");
        return f;
    }

    /// <summary>Lucene.Net's similarity for ours: BM25 (null or <see cref="Bm25Similarity"/>, same k1 and b) or classic TF-IDF (<see cref="ClassicSimilarity"/>: Lucene 4.8's DefaultSimilarity).</summary>
    /// <exception cref="BackendFeatureUnavailableException">Another similarity.</exception>
    public static LuceneSimilarity Similarity(Index.Search.Similarities.Similarity? similarity) => similarity switch
    {
        null => new BM25Similarity(),
        Bm25Similarity bm25 => new BM25Similarity(bm25.K1, bm25.B),
        ClassicSimilarity => new DefaultSimilarity(),
        _ => throw new BackendFeatureUnavailableException("lucenenet", $"The similarity '{similarity.Name}'", "Lucene.Net scores with BM25 or classic TF-IDF only here"),
    };

    /// <summary>Our explanation of a Lucene.Net one (same values, descriptions and tree).</summary>
    public static Our.Explanation Explanation(Lucene.Net.Search.Explanation e)
    {
        var details = e.GetDetails();
        var ours = details is null ? [] : details.Select(Explanation).ToArray();
        return new Our.Explanation(e.Value, e.Description, ours);
    }
}
