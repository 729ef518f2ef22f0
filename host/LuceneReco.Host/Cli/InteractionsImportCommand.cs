using System.CommandLine;
using LuceneReco.Host.Interactions;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco interactions import</c>: appends the events of a file to the store in one transaction.</summary>
internal static class InteractionsImportCommand
{
    /// <summary>The command with its options.</summary>
    public static Command Create(CliConsole console)
    {
        var store = StoreOption.Create();
        store.Description = "The interaction store: a SQLite file, created when missing.";
        var file = new Option<string>("--file")
        {
            Description = "Interactions: TSV 'user item [weight [timestamp]]' without header, MovieLens CSV with header 'userId,movieId,rating,timestamp', or JSON Lines; optionally .gz. Timestamps are Unix seconds or ISO 8601.",
            HelpName = "FILE",
            Required = true,
        };
        var format = new Option<string>("--format") { Description = "tsv, movielens or jsonl (default: told by the extension, else by the first line).", HelpName = "tsv|movielens|jsonl" };
        var kind = new Option<string>("--kind") { Description = "Kind of events whose line names none (default: rating for MovieLens, view otherwise).", HelpName = "KIND" };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Report malformed lines and skip them, instead of stopping without importing anything." };
        var progress = CommonOptions.Progress();
        var command = new Command("import", "Append the events of a file to the interaction store, all or nothing (unless --skip-bad).")
        {
            store, file, format, kind, skipBad, progress,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(new InteractionsImportOptions
        {
            Store = parse.GetValue(store)!,
            File = parse.GetValue(file)!,
            Format = parse.GetValue(format),
            Kind = parse.GetValue(kind),
            SkipBad = parse.GetValue(skipBad),
            Progress = parse.GetValue(progress),
        }, console)));
        return command;
    }

    /// <summary>Imports; returns the exit code.</summary>
    public static int Run(InteractionsImportOptions options, CliConsole console)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new UsageException(string.Join("; ", errors));
        var started = console.Time.GetTimestamp();
        InteractionFileReader reader;
        try
        {
            reader = InteractionFileReader.Open(options.File, options.ParsedFormat, options.Kind, console.Time.GetUtcNow());
        }
        catch (InteractionFileException e)
        {
            throw new UsageException(e.Message);
        }
        catch (System.IO.InvalidDataException e)
        {
            throw new UsageException($"cannot read '{options.File}': {e.Message}");
        }
        bool existed = System.IO.File.Exists(options.Store);
        try
        {
            using (reader)
            {
                using var store = StoreOption.Open(options.Store, create: true);
                var skipped = new SkippedLines(console, reader.Name);
                var progress = new ProgressReporter(console, options.Progress || console.ErrorIsTerminal, "event");
                long imported;
                try
                {
                    imported = store.Append(Events(reader, options.SkipBad, skipped, progress));
                }
                catch (System.IO.InvalidDataException e)
                {
                    throw new UsageException($"cannot read '{reader.Name}': {e.Message} (nothing was imported)");
                }
                skipped.Finish();
                var elapsed = console.Time.GetElapsedTime(started);
                var stats = store.Stats();
                var skippedNote = skipped.Count > 0 ? $"; skipped {CliFormat.Plural(skipped.Count, "bad line")}" : "";
                console.Out.WriteLine(
                    $"imported {CliFormat.Plural(imported, "event")} from {reader.Name} in {CliFormat.Seconds(elapsed)} ({CliFormat.Rate(imported, elapsed)} events/s){skippedNote}; " +
                    $"{Path.GetFileName(store.Path)} holds {CliFormat.Plural(stats.Events, "event")} of {CliFormat.Plural(stats.Users, "user")} on {CliFormat.Plural(stats.Items, "item")}");
            }
        }
        catch (UsageException) when (!existed) // a failed first import leaves no empty store behind
        {
            foreach (string suffix in new[] { "", "-wal", "-shm", "-journal" }) System.IO.File.Delete(options.Store + suffix);
            throw;
        }
        return ExitCodes.Ok;
    }

    /// <summary>The good events; a bad line stops the import (the transaction rolls back) unless <paramref name="skipBad"/>.</summary>
    private static IEnumerable<Interaction> Events(InteractionFileReader reader, bool skipBad, SkippedLines skipped, ProgressReporter progress)
    {
        long read = 0;
        foreach (var record in reader.Records())
        {
            progress.Report(++read, reader.Progress);
            if (record.Event is { } e) yield return e;
            else if (skipBad) skipped.Add(record.Describe(reader.Name));
            else throw new UsageException($"{record.Describe(reader.Name)} (nothing was imported; --skip-bad skips bad lines)");
        }
        progress.Finish(read);
    }

    /// <summary>Prints the first <see cref="PrintLimit"/> skipped lines to stderr and counts the rest.</summary>
    private sealed class SkippedLines(CliConsole console, string fileName)
    {
        public const int PrintLimit = 20;

        public long Count { get; private set; }

        public void Add(string described)
        {
            if (Count++ < PrintLimit) console.Error.WriteLine($"skipped {described}");
        }

        public void Finish()
        {
            if (Count > PrintLimit)
                console.Error.WriteLine($"skipped {CliFormat.Plural(Count - PrintLimit, "more bad line")} of {fileName} ({CliFormat.Count(Count)} in all)");
        }
    }
}
