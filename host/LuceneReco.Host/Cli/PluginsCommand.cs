using LuceneReco.Host.Pipelines;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Plugins;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco plugins list --plugins DIR [--json]</c>: loads every plugin folder once (no watching), as
/// the server would, prints each ranker's name, version, state, SHA-256 prefix and error, and unloads them.
/// Exit code 0 when every plugin loaded, 1 when any failed, 2 when the folder does not exist.
/// </summary>
internal static class PluginsCommand
{
    /// <summary>The <c>plugins</c> group with its <c>list</c> subcommand.</summary>
    public static Command Create(CliConsole console)
    {
        var plugins = new Option<string>("--plugins")
        {
            Description = "The plugins folder: one subfolder per plugin (default: the built-in plugins shipped beside the CLI).",
            HelpName = "DIR",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON array instead of a table." };
        var list = new Command("list", "Load every plugin folder once and show name, version, state, SHA-256 and error.") { plugins, json };
        list.SetAction(CliApp.Guarded(console, parse => List(parse.GetValue(plugins) ?? BuiltIn(), parse.GetValue(json), console)));
        return new Command("plugins", "Inspect plugins.") { list };
    }

    private static string BuiltIn() => Serving.PluginCatalogFactory.BuiltInFolder
        ?? throw new UsageException("this build has no built-in plugins folder (rebuild the CLI); give --plugins DIR");

    /// <summary>Loads and lists the plugins in <paramref name="folder"/>; returns the exit code.</summary>
    public static int List(string folder, bool json, CliConsole console)
    {
        if (!Directory.Exists(folder)) throw new UsageException($"plugins folder '{folder}' does not exist");
        IReadOnlyList<PluginStatus> rows;
        var roles = new Dictionary<string, Roles>(StringComparer.Ordinal);
        // Every failure the catalogue logs is also in its status rows, which are printed below.
        using (var catalog = new PluginCatalog(new PluginCatalogOptions { Folder = folder, Watch = false }, log: _ => { }, console.Time))
        {
            rows = catalog.List();
            using var rankers = catalog.Snapshot();
            foreach (var row in rows)
                if (rankers.Find(row.Name)?.Plugin is { } plugin) roles[row.Name] = Roles.Of(plugin);
        }
        if (json) WriteJson(rows, roles, console.Out);
        else WriteTable(Path.GetFullPath(folder), rows, roles, console.Out);
        return rows.Any(r => r.State != "loaded") ? ExitCodes.Failure : ExitCodes.Ok;
    }

    /// <summary>What a plugin provides: a stage (or, for an embedding provider, its model), a candidate source, training (with its settings), a command.</summary>
    private sealed record Roles(IReadOnlyList<string> Names, IReadOnlyList<string> Settings)
    {
        public static Roles Of(LuceneReco.Plugins.IRankerPlugin plugin)
        {
            var names = new List<string>();
            if (plugin is LuceneReco.Plugins.IEmbeddingProviderPlugin embedder) names.Add($"embeddings '{embedder.EmbeddingModel}'");
            else names.Add("stage");
            IReadOnlyList<string> settings = [];
            if (plugin is LuceneReco.Plugins.ICandidateSourcePlugin) names.Add("source");
            if (plugin is LuceneReco.Plugins.ITrainablePlugin trainable)
            {
                names.Add("trainable");
                settings = trainable.TrainingSettings.Select(t => t.Name).ToList();
            }
            if (plugin is LuceneReco.Plugins.IPluginCommand command) names.Add($"command '{command.CommandName}'");
            return new Roles(names, settings);
        }

        public override string ToString() =>
            string.Join(", ", Names) + (Settings.Count > 0 ? $" (settings: {string.Join(", ", Settings)})" : "");
    }

    private static void WriteTable(string folder, IReadOnlyList<PluginStatus> rows, IReadOnlyDictionary<string, Roles> roles, TextWriter output)
    {
        if (rows.Count == 0)
        {
            output.WriteLine($"no plugins in {folder}");
            return;
        }
        var table = rows.Select(r => new[] { r.Name, r.Version?.ToString() ?? "-", r.State, r.Sha256?[..12] ?? "-",
            r.Error ?? (roles.TryGetValue(r.Name, out var provides) ? provides.ToString() : "") }).ToList();
        table.Insert(0, ["name", "version", "state", "sha256", "provides / error"]);
        var widths = Enumerable.Range(0, 4).Select(c => table.Max(row => row[c].Length)).ToArray();
        foreach (var row in table)
            output.WriteLine((string.Join("  ", row.Take(4).Select((cell, c) => cell.PadRight(widths[c]))) + "  " + row[4]).TrimEnd());
    }

    private static void WriteJson(IReadOnlyList<PluginStatus> rows, IReadOnlyDictionary<string, Roles> roles, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Name);
                w.WriteString("version", r.Version?.ToString());
                w.WriteString("state", r.State);
                w.WriteString("sha256", r.Sha256);
                w.WriteString("error", r.Error);
                w.WriteString("folder", r.Folder);
                w.WriteString("loadedAt", r.LoadedAt?.ToString("O", CultureInfo.InvariantCulture));
                w.WriteStartArray("roles");
                foreach (var role in roles.GetValueOrDefault(r.Name)?.Names ?? []) w.WriteStringValue(role);
                w.WriteEndArray();
                w.WriteStartArray("trainingSettings");
                foreach (var setting in roles.GetValueOrDefault(r.Name)?.Settings ?? []) w.WriteStringValue(setting);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
