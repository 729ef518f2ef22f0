using LuceneReco.Rankers.Collaborative.Data;

namespace LuceneReco.Host.Pipelines;

/// <summary>What both collaborative sources do with a model's scored items: keep live, non-excluded ones as hits, best first.</summary>
internal static class CollaborativeRecall
{
    /// <summary>The first <see cref="RecallStep.Size"/> of <paramref name="scored"/> that are live in the request's reader and not excluded.</summary>
    public static IReadOnlyList<RecallHit> ToHits(RecallContext context, RecallStep step, List<ScoredItem> scored, string why)
    {
        var hits = new List<RecallHit>(Math.Min(step.Size, scored.Count));
        foreach (var item in scored)
        {
            if (hits.Count == step.Size) break;
            int doc = context.Reader.DocOf(item.ItemId);
            if (doc < 0 || context.Excluded.Contains(doc)) continue;
            hits.Add(new RecallHit(doc, item.ItemId, item.Score, context.Explain ? why : null));
        }
        return hits;
    }
}
