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
            Description = "The plugins folder: one subfolder per plugin.",
            HelpName = "DIR",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON array instead of a table." };
        var list = new Command("list", "Load every plugin folder once and show name, version, state, SHA-256 and error.") { plugins, json };
        list.SetAction(CliApp.Guarded(console, parse => List(parse.GetValue(plugins)!, parse.GetValue(json), console)));
        return new Command("plugins", "Inspect ranker plugins.") { list };
    }

    /// <summary>Loads and lists the plugins in <paramref name="folder"/>; returns the exit code.</summary>
    public static int List(string folder, bool json, CliConsole console)
    {
        if (!Directory.Exists(folder)) throw new UsageException($"plugins folder '{folder}' does not exist");
        IReadOnlyList<PluginStatus> rows;
        // Every failure the catalogue logs is also in its status rows, which are printed below.
        using (var catalog = new PluginCatalog(new PluginCatalogOptions { Folder = folder, Watch = false }, log: _ => { }, console.Time))
            rows = catalog.List();
        if (json) WriteJson(rows, console.Out);
        else WriteTable(Path.GetFullPath(folder), rows, console.Out);
        return rows.Any(r => r.State != "loaded") ? ExitCodes.Failure : ExitCodes.Ok;
    }

    private static void WriteTable(string folder, IReadOnlyList<PluginStatus> rows, TextWriter output)
    {
        if (rows.Count == 0)
        {
            output.WriteLine($"no plugins in {folder}");
            return;
        }
        var table = rows.Select(r => new[] { r.Name, r.Version?.ToString() ?? "-", r.State, r.Sha256?[..12] ?? "-", r.Error ?? "" }).ToList();
        table.Insert(0, ["name", "version", "state", "sha256", "error"]);
        var widths = Enumerable.Range(0, 4).Select(c => table.Max(row => row[c].Length)).ToArray();
        foreach (var row in table)
            output.WriteLine((string.Join("  ", row.Take(4).Select((cell, c) => cell.PadRight(widths[c]))) + "  " + row[4]).TrimEnd());
    }

    private static void WriteJson(IReadOnlyList<PluginStatus> rows, TextWriter output)
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
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
