using System.CommandLine;
using LuceneReco.Host.Items;
using LuceneReco.Index;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco index add</c>: upserts the items of a file into an existing index in one commit.</summary>
internal static class IndexAddCommand
{
    /// <summary>The command with its options.</summary>
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var items = CommonOptions.Items();
        var skipBad = CommonOptions.SkipBad();
        var progress = CommonOptions.Progress();
        var command = new Command("add", "Add or replace (by id) the items of a file in an existing index, in one commit. A bad line changes nothing, unless --skip-bad.")
        {
            index, items, skipBad, progress,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(
            parse.GetValue(index)!, parse.GetValue(items)!, parse.GetValue(skipBad), parse.GetValue(progress), console)));
        return command;
    }

    /// <summary>Upserts the items; returns the exit code.</summary>
    public static int Run(string indexDirectory, string itemsFile, bool skipBad, bool showProgress, CliConsole console)
    {
        var errors = new List<string>();
        if (!Directory.Exists(indexDirectory)) errors.Add($"index directory '{indexDirectory}' does not exist");
        if (!File.Exists(itemsFile)) errors.Add($"items file '{itemsFile}' does not exist");
        if (errors.Count > 0) throw new UsageException(string.Join("; ", errors));

        var progress = new ProgressReporter(console, showProgress || console.ErrorIsTerminal);
        long added = 0, replaced = 0, skipped;
        using (var writer = IndexWriter.Open(indexDirectory))
        using (var reader = ItemReader.Open(itemsFile))
        {
            (_, skipped) = ItemFeed.Run(reader, writer.Schema, skipBad, "nothing was changed", console, progress, document =>
            {
                if (writer.Update(document)) replaced++;
                else added++;
            });
            writer.Commit();
        }

        var elapsed = progress.Elapsed;
        using var index = IndexReader.Open(indexDirectory);
        var skippedNote = skipped > 0 ? $"; skipped {CliFormat.Plural(skipped, "bad line")}" : "";
        console.Out.WriteLine(
            $"added {CliFormat.Plural(added, "item")}, replaced {CliFormat.Count(replaced)} in {CliFormat.Seconds(elapsed)}; " +
            $"the index has {CliFormat.Plural(index.NumDocs, "document")}{skippedNote}");
        return ExitCodes.Ok;
    }
}
