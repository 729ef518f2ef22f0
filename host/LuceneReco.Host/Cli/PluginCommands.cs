using LuceneReco.Host.Plugins;
using LuceneReco.Host.Serving;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Cli;

/// <summary>
/// Commands plugins add (<see cref="IPluginCommand"/>), for example <c>lucenereco fairness mtable</c> from the built-in fairness
/// plugin: when the first argument names no command of the host, the built-in plugins (or those of a leading
/// <c>--plugins DIR</c>) are loaded once and the plugin whose command has that name runs with the rest of the arguments.
/// </summary>
internal static class PluginCommands
{
    /// <summary>Runs the plugin command <paramref name="args"/> names, or returns null when no plugin has it.</summary>
    public static int? TryRun(string[] args, CliConsole console, Func<string, bool> isHostCommand)
    {
        string? folder = null;
        int first = 0;
        if (args is ["--plugins", var given, ..])
        {
            folder = given;
            first = 2;
        }
        if (args.Length <= first || args[first].StartsWith('-') || isHostCommand(args[first])) return null;
        if (folder is not null && !Directory.Exists(folder)) return null; // the parser says what is wrong
        var work = Directory.CreateTempSubdirectory("lucenereco-command-").FullName;
        try
        {
            var catalog = PluginCatalogFactory.Create(folder is null ? null : Path.GetFullPath(folder), work, watch: false, console.Time, _ => { });
            try
            {
                using var rankers = catalog.Snapshot();
                foreach (var status in catalog.List())
                {
                    if (rankers.Find(status.Name)?.Plugin is not IPluginCommand command || command.CommandName != args[first]) continue;
                    var error = new StringWriter();
                    int code;
                    try
                    {
                        code = command.RunCommand(args[(first + 1)..], console.Out, error);
                    }
                    catch (Exception e) // plugin code: a failure is one line, never a stack trace
                    {
                        console.Fail($"{args[first]}: the plugin '{status.Name}' failed: {e.GetType().Name}: {e.Message}");
                        return ExitCodes.Failure;
                    }
                    foreach (var line in error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        console.Fail(line);
                    return code;
                }
                return null;
            }
            finally
            {
                (catalog as IDisposable)?.Dispose();
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
