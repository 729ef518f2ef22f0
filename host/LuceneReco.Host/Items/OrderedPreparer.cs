using LuceneReco.Index;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Items;

/// <summary>
/// Feeds an index writer at the speed of both cores: while one batch of documents is added in order on
/// the calling thread, the next batch is read (on the calling thread, so reader errors surface as they
/// would) and then prepared (checked and analysed) in parallel in the background.
/// </summary>
internal static class OrderedPreparer
{
    /// <summary>Documents read and prepared at once.</summary>
    public const int BatchSize = 1024;

    /// <summary>
    /// Calls <paramref name="consume"/> for every element of <paramref name="source"/> in order, with the
    /// prepared form of its document (null when <paramref name="documentOf"/> gives none, e.g. a bad line).
    /// </summary>
    public static void Run<T>(IEnumerable<T> source, Func<T, Document?> documentOf, Func<Document, PreparedDocument> prepare,
        Action<T, PreparedDocument?> consume)
    {
        using var items = source.GetEnumerator();
        var current = ReadBatch(items);
        var preparing = Start(current, documentOf, prepare);
        while (current.Count > 0)
        {
            var next = ReadBatch(items);
            var nextPreparing = Start(next, documentOf, prepare);
            var prepared = preparing.GetAwaiter().GetResult();
            for (int i = 0; i < current.Count; i++) consume(current[i], prepared[i]);
            current = next;
            preparing = nextPreparing;
        }
    }

    private static List<T> ReadBatch<T>(IEnumerator<T> items)
    {
        var batch = new List<T>(BatchSize);
        while (batch.Count < BatchSize && items.MoveNext()) batch.Add(items.Current);
        return batch;
    }

    private static Task<PreparedDocument?[]> Start<T>(List<T> batch, Func<T, Document?> documentOf, Func<Document, PreparedDocument> prepare) =>
        Task.Run(() =>
        {
            var prepared = new PreparedDocument?[batch.Count];
            Parallel.For(0, batch.Count, i => prepared[i] = documentOf(batch[i]) is { } d ? prepare(d) : null);
            return prepared;
        });
}
