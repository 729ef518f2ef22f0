using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LuceneReco.Host.Reco;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco train</c>: trains the collaborative models from the interaction store (<c>--store</c>) or an
/// interactions TSV file (<c>--interactions</c>) into a model folder as new versions. Training from the store
/// reads one snapshot of it, so users erased before the run are in no model it writes.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var interactions = new Option<string>("--interactions")
        {
            Description = "Interactions TSV: user<TAB>item<TAB>weight<TAB>timestamp, no header (instead of --store).",
            HelpName = "FILE",
        };
        var store = new Option<string>("--store")
        {
            Description = "The interaction store, a SQLite file (as 'serve --store' and 'interactions import' use); every event it holds is read.",
            HelpName = "FILE",
        };
        var output = new Option<string>("--out") { Description = "The model folder; each run writes new versions (itemknn-vN.bin, als-vN.bin) and keeps the last 3.", HelpName = "MODELDIR", Required = true };
        var model = new Option<string>("--model") { Description = "What to train: itemknn, als or both (default both).", HelpName = "itemknn|als|both", DefaultValueFactory = _ => "both" };
        var progress = CommonOptions.Progress();
        var training = new TrainingOptions();
        var command = new Command("train", "Train the collaborative models (item-kNN, implicit ALS) from the interaction store or an interactions file.")
        {
            store, interactions, output, model, progress,
        };
        training.AddTo(command);
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            var (knn, als) = ParseModel(parse.GetValue(model));
            var settings = training.Bind(parse, knn, als);
            if (settings.Validate() is { Count: > 0 } errors) throw new UsageException(string.Join("; ", errors));
            string outDir = parse.GetValue(output)!;
            if (string.IsNullOrWhiteSpace(outDir)) throw new UsageException("--out must name a folder");
            if (File.Exists(outDir)) throw new UsageException($"--out must be a folder, '{outDir}' is a file");
            var (events, source) = ReadEvents(parse.GetValue(store), parse.GetValue(interactions));
            if (events.Count == 0) throw new UsageException($"{source} has no events");
            bool showProgress = parse.GetValue(progress) || console.ErrorIsTerminal;
            long started = Stopwatch.GetTimestamp();
            Directory.CreateDirectory(outDir);
            var report = Trainer.Train(events, settings.ToTrainerOptions(outDir), console.Time,
                showProgress ? line => console.Error.WriteLine($"lucenereco: {line}") : null);
            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            console.Out.WriteLine(Summary(report, seconds, outDir));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The training events, from exactly one of the store and the file, and how to name where they came from.</summary>
    private static (List<Interaction> Events, string Source) ReadEvents(string? storePath, string? file)
    {
        if ((storePath is null) == (file is null)) throw new UsageException("give either --store FILE or --interactions FILE");
        if (file is not null) return (InteractionFile.Read(file), $"interactions file '{file}'");
        using var opened = StoreOption.Open(storePath!, create: false);
        return ([.. opened.ReadAll()], $"interaction store '{storePath}'");
    }

    /// <summary>Which models <c>--model</c> names.</summary>
    public static (bool ItemKnn, bool Als) ParseModel(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "itemknn" => (true, false),
        "als" => (false, true),
        "both" or null => (true, true),
        _ => throw new UsageException($"--model must be itemknn, als or both, got '{value}'"),
    };

    /// <summary>The one-line summary: <c>trained itemknn, als: 100 events, 10 users, 20 items in 0.4 s (als 0.010 s/iteration) -> DIR</c>.</summary>
    public static string Summary(TrainingReport report, double seconds, string directory)
    {
        var kinds = new List<string>(2);
        if (report.ItemKnnPath is not null) kinds.Add("itemknn");
        if (report.AlsPath is not null) kinds.Add("als");
        var line = string.Create(CultureInfo.InvariantCulture,
            $"trained {string.Join(", ", kinds)}: {report.Events:N0} events, {report.Users:N0} users, {report.Items:N0} items in {seconds:0.00} s");
        if (report.AlsPath is not null) line += string.Create(CultureInfo.InvariantCulture, $" (als {report.AlsSecondsPerIteration:0.000} s/iteration)");
        return $"{line} -> {directory}";
    }
}
