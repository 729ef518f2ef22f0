using System.CommandLine;
using LuceneReco.Host.Items;
using LuceneReco.Index;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Store;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco index build</c>: creates an index from an items file, all or nothing.</summary>
internal static class IndexBuildCommand
{
    /// <summary>The command with its options.</summary>
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var items = CommonOptions.Items();
        var schema = new Option<string>("--schema") { Description = "Schema JSON file; default: section, category, provider and tags (comma-separated) are keyword fields, every other column analyzed text with term vectors.", HelpName = "FILE.json" };
        var analyzer = new Option<string>("--analyzer") { Description = "Analyzer of the text fields of the default schema: english (default), standard or cjk.", HelpName = "NAME" };
        var skipBad = CommonOptions.SkipBad();
        var ramBuffer = new Option<double>("--ram-buffer-mb") { Description = "Flush buffered documents to a segment after this many MiB (default 64).", HelpName = "N", DefaultValueFactory = _ => 64 };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace an index already in DIR (only after the new one is committed)." };
        var progress = CommonOptions.Progress();
        var backend = new Option<string>("--backend") { Description = "native (default) or lucenenet: a Lucene.Net 4.8 index (its analyzers; smartcn too), its schema in lucenereco-schema.json beside it.", HelpName = "NAME" };

        var command = new Command("build", "Build a new index from an items file. A bad line stops the build and leaves DIR as it was, unless --skip-bad.")
        {
            index, items, schema, analyzer, skipBad, ramBuffer, overwrite, progress, backend,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(new IndexBuildOptions
        {
            Index = parse.GetValue(index)!,
            Items = parse.GetValue(items)!,
            Schema = parse.GetValue(schema),
            Analyzer = parse.GetValue(analyzer),
            SkipBad = parse.GetValue(skipBad),
            RamBufferMb = parse.GetValue(ramBuffer),
            Overwrite = parse.GetValue(overwrite),
            Progress = parse.GetValue(progress),
            Backend = parse.GetValue(backend),
        }, console)));
        return command;
    }

    /// <summary>Builds the index; returns the exit code.</summary>
    public static int Run(IndexBuildOptions options, CliConsole console)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new UsageException(string.Join("; ", errors));
        var target = Path.GetFullPath(options.Index);
        RefuseOccupied(target, options.Overwrite);

        var progress = new ProgressReporter(console, options.Progress || console.ErrorIsTerminal);
        using var reader = ItemReader.Open(options.Items);
        // an analyzer only Lucene.Net has stands as "cjk" in our schema; the Lucene.Net schema names the real one
        string? luceneAnalyzer = options.LuceneNet ? options.Analyzer?.ToLowerInvariant() : null;
        string analyzerName = luceneAnalyzer == "smartcn" ? "cjk" : options.Analyzer?.ToLowerInvariant() ?? "english";
        var schema = options.Schema is { } schemaFile ? LoadSchema(schemaFile) : reader.DefaultSchema(analyzerName);
        reader.CheckColumns(schema);

        var staging = StagingDirectory.Create(target);
        long items, skipped;
        IndexStats? stats = null;
        try
        {
            if (options.LuceneNet) (items, skipped, stats) = LuceneNetIndexBuild.Run(staging.Path, reader, schema, luceneAnalyzer, options.SkipBad, console, progress);
            else using (var writer = IndexWriter.Open(staging.Path, options.WriterOptions(schema)))
            {
                (items, skipped) = ItemFeed.Run(reader, schema, options.SkipBad, "nothing was indexed", console, progress, writer.Prepare, writer.Add);
                writer.Commit();
            }
            staging.Publish();
        }
        finally
        {
            staging.Discard();
        }

        var elapsed = progress.Elapsed;
        if (stats is null)
        {
            using var built = IndexReader.Open(target);
            stats = built.Stats;
        }
        var skippedNote = skipped > 0 ? $"; skipped {CliFormat.Plural(skipped, "bad line")}" : "";
        console.Out.WriteLine(
            $"indexed {CliFormat.Plural(items, "item")} in {CliFormat.Seconds(elapsed)} ({CliFormat.Rate(items, elapsed)} items/s), " +
            $"{CliFormat.Bytes(stats.Bytes)} on disk, {CliFormat.Plural(stats.Segments, "segment")}{skippedNote}");
        return ExitCodes.Ok;
    }

    /// <summary>Reads a schema file; a malformed one is a usage error.</summary>
    public static IndexSchema LoadSchema(string path)
    {
        try
        {
            return IndexSchema.FromJson(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new UsageException($"schema file '{path}': {e.Message}");
        }
    }

    private static void RefuseOccupied(string target, bool overwrite)
    {
        if (!Directory.Exists(target) || !Directory.EnumerateFileSystemEntries(target).Any()) return;
        string holds;
        if (LuceneReco.Index.LuceneNet.LuceneNetRecallIndex.IsLuceneNetIndex(target))
        {
            if (!overwrite) throw new UsageException($"'{target}' already holds a Lucene.Net index; use --overwrite to replace it");
            return;
        }
        try
        {
            using var existing = IndexReader.Open(target);
            holds = $"already holds an index ({CliFormat.Plural(existing.NumDocs, "document")})";
        }
        catch (IndexNotFoundException)
        {
            throw new UsageException($"'{target}' is not empty and holds no index; choose a new or empty directory");
        }
        catch (CorruptIndexException)
        {
            holds = "already holds an index (damaged)";
        }
        if (!overwrite)
            throw new UsageException($"'{target}' {holds}; use --overwrite to replace it, or 'index add' to upsert items into it");
    }
}
