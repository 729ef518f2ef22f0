using LuceneReco.Index;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Search;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary><c>search</c>: the request's keyword query (with its filters), scored by BM25.</summary>
internal sealed class SearchRecallSource : IRecallSource
{
    public string Name => "search";

    public IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step)
    {
        if (context.Query is not { } query) return [];
        var reader = context.View;
        var top = reader.Search(query, Math.Min(step.Size + context.Excluded.Count, IndexSearcher.MaxK));
        var matcher = context.Explain ? new TermMatcher(reader, TermMatcher.TermsOf(query)) : null;
        var hits = new List<RecallHit>(Math.Min(step.Size, top.Hits.Count));
        foreach (var hit in top.Hits)
        {
            if (hits.Count == step.Size) break;
            if (context.Excluded.Contains(hit.Doc)) continue;
            Reason? why = matcher is null ? null : Why(reader, hit.Doc, matcher.Matched(hit.Doc));
            hits.Add(new RecallHit(hit.Doc, reader.IdOf(hit.Doc), hit.Score, why));
        }
        return hits;
    }

    /// <summary>"matches "orbit" and "station" in the title", in the item's own words.</summary>
    private static Reason Why(IRecallView reader, int doc, List<(string Field, string Term)> matched)
    {
        var words = ItemWords.Surface(reader, doc, matched);
        string text = ItemWords.Describe("matches", words);
        return new Reason("", text.Length > 0 ? text : "matches the query") { Kind = "match", Terms = ItemWords.AllWords(words) };
    }
}
