using LuceneReco.Index.Backends;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>The search half of the "more like this" sources: runs the query under the request's filters, leaving out the source and excluded docs.</summary>
internal static class MoreLikeThisRecall
{
    /// <summary>The MoreLikeThis options of a recall step (term selection thresholds; classic TF-IDF scoring, as Lucene's MoreLikeThis).</summary>
    public static MoreLikeThisOptions OptionsFor(RecallStep step) => new()
    {
        MinTermFreq = step.MinTermFreq,
        MinDocFreq = step.MinDocFreq,
        MaxQueryTerms = step.MaxQueryTerms,
    };

    /// <summary>
    /// The best <see cref="RecallStep.Size"/> hits of <paramref name="mlt"/>. When explaining,
    /// <paramref name="why"/> turns a hit's doc and the chosen terms it contains into its reason.
    /// </summary>
    public static IReadOnlyList<RecallHit> Search(RecallContext context, RecallStep step, MoreLikeThisQuery mlt, MoreLikeThisOptions options,
        Func<int, List<(string Field, string Term)>, Reason> why)
    {
        if (mlt.Terms.Count == 0) return [];
        var reader = context.View;
        Query query = mlt.Query;
        if (context.Filters.Count > 0)
        {
            var clauses = new List<BooleanClause>(context.Filters.Count + 1) { new(mlt.Query, Occur.Must) };
            foreach (var f in context.Filters) clauses.Add(new BooleanClause(f, Occur.Filter));
            query = new BooleanQuery(clauses);
        }
        int want = Math.Min(step.Size + mlt.SourceDocs.Count + context.Excluded.Count, IndexSearcher.MaxK);
        var top = reader.Search(query, want, options.Similarity);
        TermMatcher? matcher = null;
        if (context.Explain)
        {
            var terms = new List<(string, string)>(mlt.Terms.Count);
            foreach (var t in mlt.Terms) terms.Add((t.Field, t.Term));
            matcher = new TermMatcher(reader, terms);
        }
        var hits = new List<RecallHit>(Math.Min(step.Size, top.Hits.Count));
        foreach (var hit in top.Hits)
        {
            if (hits.Count == step.Size) break;
            if (mlt.SourceDocs.Contains(hit.Doc) || context.Excluded.Contains(hit.Doc)) continue;
            Reason? line = matcher is null ? null : why(hit.Doc, matcher.Matched(hit.Doc));
            hits.Add(new RecallHit(hit.Doc, reader.IdOf(hit.Doc), hit.Score, line));
        }
        return hits;
    }
}
