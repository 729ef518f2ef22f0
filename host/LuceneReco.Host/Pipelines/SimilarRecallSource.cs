using LuceneReco.Index.Backends;
using LuceneReco.Index.Search.MoreLikeThis;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary><c>similar</c>: "more like this" of the request's item.</summary>
internal sealed class SimilarRecallSource : IRecallSource
{
    public string Name => "similar";

    public IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step)
    {
        if (context.ItemDoc < 0) return [];
        var options = MoreLikeThisRecall.OptionsFor(step);
        var reader = context.View;
        var query = reader.LikeDoc(context.ItemDoc, options);
        string? source = context.Explain ? ItemWords.Title(reader, context.ItemDoc) : null;
        string sourceId = reader.IdOf(context.ItemDoc);
        return MoreLikeThisRecall.Search(context, step, query, options, (doc, matched) =>
        {
            // the shared words, as this item writes them
            var words = ItemWords.Surface(reader, doc, matched);
            string shared = ItemWords.Describe("shares", words);
            string text = shared.Length > 0 ? $"like {Quote(source!)}: {shared}" : $"like {Quote(source!)}";
            return new Reason("", text) { Kind = "similar", Items = [sourceId], Terms = ItemWords.AllWords(words) };
        });
    }

    private static string Quote(string title) => '"' + title + '"';
}
