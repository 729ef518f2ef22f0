using LuceneReco.Index.Documents;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// <c>newest</c>: the newest items that pass the request's filters, by a numeric date field the step names (<c>field</c>,
/// e.g. Unix seconds of when the item was added or published; larger is newer); without one, the items the index took in
/// last (most recently added or updated). A list for anyone, as a pipeline's fallback or beside the personal sources.
/// </summary>
internal sealed class NewestRecallSource : IRecallSource
{
    public string Name => "newest";

    /// <exception cref="ArgumentException">The step's field is not a numeric field of the index.</exception>
    public IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step)
    {
        var reader = context.View;
        if (step.Field is { } field && reader.Schema.Find(field) is not { Kind: FieldKind.Numeric })
            throw new ArgumentException($"newest: '{field}' is not a numeric field of the index (give a date as a number, such as Unix seconds)");
        // a min-heap of the best Size (value, doc): newer value first, then the later doc
        var best = new PriorityQueue<int, (double Value, int Doc)>(step.Size + 1);
        for (int doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (!reader.IsLive(doc) || !context.AcceptsDoc(doc)) continue;
            double value = step.Field is { } f ? reader.Number(doc, f) ?? double.NaN : doc;
            if (double.IsNaN(value)) continue; // an item without the date is not known to be new
            best.Enqueue(doc, (value, doc));
            if (best.Count > step.Size) best.Dequeue();
        }
        var hits = new RecallHit[best.Count];
        for (int i = hits.Length - 1; i >= 0; i--)
        {
            best.TryDequeue(out int doc, out var key);
            hits[i] = new RecallHit(doc, reader.IdOf(doc), step.Field is null ? hits.Length - i : key.Value,
                context.Explain ? new Reason("", "new in the catalogue") { Kind = "new" } : null);
        }
        return hits;
    }
}
