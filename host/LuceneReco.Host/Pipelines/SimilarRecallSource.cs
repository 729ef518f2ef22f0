using LuceneReco.Index.Search.MoreLikeThis;

namespace LuceneReco.Host.Pipelines;

/// <summary><c>similar</c>: "more like this" of the request's item.</summary>
internal sealed class SimilarRecallSource : IRecallSource
{
    public string Name => "similar";

    public IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step)
    {
        if (context.ItemDoc < 0) return [];
        var options = MoreLikeThisRecall.OptionsFor(step);
        var engine = new MoreLikeThis(context.Reader, options);
        var query = engine.LikeDoc(context.ItemDoc);
        string source = context.Reader.IdOf(context.ItemDoc);
        return MoreLikeThisRecall.Search(context, step, query, options, (_, matched) =>
            matched.Count == 0 ? $"like {source}" : $"like {source} ({string.Join(", ", matched)})");
    }
}
