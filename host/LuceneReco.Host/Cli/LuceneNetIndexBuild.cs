using LuceneReco.Host.Items;
using LuceneReco.Index;
using LuceneReco.Index.Documents;
using LuceneReco.Index.LuceneNet;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>index build --backend lucenenet</c>: feeds an items file into a new Lucene.Net index (our schema mapped to
/// Lucene.Net fields, recorded in <see cref="LuceneNetSchema.FileName"/> beside it), stopping at or skipping bad lines as
/// the native build does. Lucene.Net analyses as it adds, so there is no background preparation here.
/// </summary>
internal static class LuceneNetIndexBuild
{
    /// <summary>Builds the index at <paramref name="directory"/>; returns the items added, the lines skipped and the index's size figures.</summary>
    public static (long Items, long Skipped, IndexStats Stats) Run(string directory, ItemReader reader, IndexSchema schema, string? analyzer,
        bool skipBad, CliConsole console, ProgressReporter progress)
    {
        var bad = new BadLineReport(console, reader.Name);
        long items = 0;
        using var index = LuceneNetRecallIndex.Open(directory, LuceneNetSchema.From(schema, analyzer));
        foreach (var record in reader.Read(schema))
        {
            var failed = record;
            if (record.Document is { } document)
            {
                try
                {
                    index.Add(document);
                    progress.Report(++items, reader.Progress);
                    continue;
                }
                catch (ArgumentException e)
                {
                    failed = ItemRecord.Bad(record.Line, e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal));
                }
            }
            if (!skipBad) throw new UsageException($"{failed.Describe(reader.Name)} (nothing was indexed; --skip-bad skips bad lines)");
            bad.Add(failed);
        }
        index.Commit();
        index.Refresh();
        progress.Finish(items);
        bad.Finish();
        using var view = index.Acquire();
        return (items, bad.Count, view.Stats);
    }
}
