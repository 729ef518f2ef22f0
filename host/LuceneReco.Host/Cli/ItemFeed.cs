using LuceneReco.Host.Items;
using LuceneReco.Index;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Cli;

/// <summary>Feeds the items of a file into an index writer, stopping at (or skipping) bad lines.</summary>
internal static class ItemFeed
{
    /// <summary>
    /// Reads every item of <paramref name="reader"/> under <paramref name="schema"/>, prepares (checks and
    /// analyses) batches of them in the background with <paramref name="prepare"/> (see <see cref="OrderedPreparer"/>), and hands each, in file order, to
    /// <paramref name="apply"/>. A bad line (or an item the writer rejects with an
    /// <see cref="ArgumentException"/>) throws a <see cref="UsageException"/> naming the file and line,
    /// unless <paramref name="skipBad"/>, in which case it is reported and skipped.
    /// </summary>
    /// <param name="unchanged">Says what happened to the index when a bad line stops the feed, e.g. "nothing was indexed".</param>
    /// <returns>How many items were applied and how many lines were skipped.</returns>
    public static (long Items, long Skipped) Run(
        ItemReader reader, IndexSchema schema, bool skipBad, string unchanged,
        CliConsole console, ProgressReporter progress, Func<Document, PreparedDocument> prepare, Action<PreparedDocument> apply)
    {
        var bad = new BadLineReport(console, reader.Name);
        long items = 0;
        OrderedPreparer.Run(reader.Read(schema), r => r.Document, prepare, (record, prepared) =>
        {
            var failed = record;
            if (prepared is { } document)
            {
                try
                {
                    apply(document);
                    progress.Report(++items, reader.Progress);
                    return;
                }
                catch (ArgumentException e)
                {
                    failed = ItemRecord.Bad(record.Line, e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
                }
            }
            if (!skipBad) throw new UsageException($"{failed.Describe(reader.Name)} ({unchanged}; --skip-bad skips bad lines)");
            bad.Add(failed);
        });
        progress.Finish(items);
        bad.Finish();
        return (items, bad.Count);
    }
}
