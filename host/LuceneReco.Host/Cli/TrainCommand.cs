using LuceneReco.Host.Pipelines;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Plugins;
using LuceneReco.Host.Offline;
using LuceneReco.Host.Serving;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco train</c>: trains every plugin that learns from interactions (the built-in collaborative plugin's <c>als</c> and
/// <c>itemknn</c>, or those of <c>--plugins</c>) from the interaction store (<c>--store</c>) or an interactions file
/// (<c>--interactions</c>), each into its own data folder under the data root as new versions, through the plugin contract
/// (<see cref="ITrainablePlugin"/>). Training from the store reads one snapshot of it, so users erased before the run are in
/// no model it writes.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var interactions = new Option<string>("--interactions")
        {
            Description = "Interactions file (TSV user<TAB>item<TAB>weight<TAB>timestamp, MovieLens CSV or JSON Lines; instead of --store).",
            HelpName = "FILE",
        };
        var store = new Option<string>("--store")
        {
            Description = "The interaction store, a SQLite file (as 'serve --store' and 'interactions import' use); every event it holds is read.",
            HelpName = "FILE",
        };
        var index = new Option<string>("--index") { Description = "The index whose plugins are trained: the data root is INDEX.plugin-data, where serve and recommend look (unless --data).", HelpName = "DIR" };
        var data = new Option<string>("--data") { Description = "The plugin data root: each plugin folder's models go to DATA/FOLDER/ (for the built-in plugins DATA/collaborative/models).", HelpName = "DIR" };
        var model = new Option<string>("--model") { Description = "Which plugins to train, by name, comma-separated (default: every trainable plugin loaded; 'both' is als,itemknn).", HelpName = "NAMES" };
        var plugins = CommonOptions.Plugins();
        var progress = CommonOptions.Progress();
        var training = new TrainingOptions();
        var command = new Command("train", "Train the plugins that learn from interactions (built in: popular, implicit ALS, EASE, item-kNN, user-kNN, learned; 'plugins list' shows which are trainable) from the interaction store or a file.")
        {
            store, interactions, index, data, model, plugins, progress,
        };
        training.AddTo(command);
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            string root = DataRoot(parse.GetValue(index), parse.GetValue(data));
            var settings = training.Bind(parse, ParseModel(parse.GetValue(model)));
            if (settings.Validate() is { Count: > 0 } errors) throw new UsageException(string.Join("; ", errors));
            string? pluginsFolder = CommonOptions.PluginsFolder(parse.GetValue(plugins));
            var (events, source) = ReadEvents(parse.GetValue(store), parse.GetValue(interactions), console.Time.GetUtcNow());
            if (events.Count == 0) throw new UsageException($"{source} has no events");
            bool showProgress = parse.GetValue(progress) || console.ErrorIsTerminal;
            long started = Stopwatch.GetTimestamp();
            var log = showProgress ? line => console.Error.WriteLine($"lucenereco: {line}") : (Action<string>)(_ => { });
            var catalog = PluginCatalogFactory.Create(pluginsFolder, root, watch: false, console.Time, log);
            try
            {
                var trainable = PluginTrainer.Select(catalog, settings.Plugins, catalog.List().Where(p => p.State == "loaded").Select(p => p.Name),
                    pluginsFolder is null ? " (a plugin of your own needs --plugins DIR)" : "");
                if (trainable.Count == 0)
                    throw new UsageException(pluginsFolder is null && PluginCatalogFactory.BuiltInFolder is null
                        ? "this build has no built-in plugins folder (rebuild the CLI) and no --plugins was given"
                        : "no loaded plugin learns from interactions");
                var outcomes = PluginTrainer.Train(trainable, events, settings, console.Time, showProgress ? log : null, skipRefusals: settings.Plugins is null);
                double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                console.Out.WriteLine(Summary(outcomes, events.Count, seconds, root));
                return ExitCodes.Ok;
            }
            catch (TrainingException e)
            {
                throw new UsageException(e.Message);
            }
            finally
            {
                (catalog as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    /// <summary>The data root: <paramref name="data"/>, else INDEX.plugin-data beside <paramref name="index"/>.</summary>
    public static string DataRoot(string? index, string? data)
    {
        if (data is not null)
        {
            if (string.IsNullOrWhiteSpace(data)) throw new UsageException("--data must name a folder");
            if (File.Exists(data)) throw new UsageException($"--data must be a folder, '{data}' is a file");
            return Path.GetFullPath(data);
        }
        if (index is null) throw new UsageException("give --index DIR (models go to DIR.plugin-data, where serve looks) or --data DIR");
        if (!Directory.Exists(index)) throw new UsageException($"index directory '{index}' does not exist");
        return new ServeOptions { Index = index }.DataRoot;
    }

    /// <summary>The training events, from exactly one of the store and the file, and how to name where they came from.</summary>
    internal static (List<Interaction> Events, string Source) ReadEvents(string? storePath, string? file, DateTimeOffset now)
    {
        if ((storePath is null) == (file is null)) throw new UsageException("give either --store FILE or --interactions FILE");
        if (file is not null) return (InteractionFiles.ReadAll(file, now), $"interactions file '{file}'");
        using var opened = StoreOption.Open(storePath!, create: false);
        return ([.. opened.ReadAll()], $"interaction store '{storePath}'");
    }

    /// <summary>Which plugins <c>--model</c> names (null: the default set); <c>both</c> is <c>als,itemknn</c>.</summary>
    public static IReadOnlyList<string>? ParseModel(string? value)
    {
        if (value is null) return null;
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .SelectMany(n => n.Equals("both", StringComparison.OrdinalIgnoreCase) ? ["als", "itemknn"] : new[] { n })
            .Distinct(StringComparer.Ordinal).ToList();
        if (names.Count == 0) throw new UsageException($"--model must name at least one plugin, got '{value}'");
        return names;
    }

    /// <summary>The summary: one line per plugin, then <c>trained als, itemknn: 100 events in 0.4 s -> DATAROOT</c>.</summary>
    public static string Summary(IReadOnlyList<(string Plugin, TrainingOutcome Outcome)> outcomes, int events, double seconds, string root)
    {
        var lines = outcomes.Select(o => $"  {o.Outcome.Summary}").ToList();
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"trained {string.Join(", ", outcomes.Select(o => o.Plugin))}: {events:N0} events in {seconds:0.00} s -> {root}"));
        return string.Join(Environment.NewLine, lines);
    }
}
