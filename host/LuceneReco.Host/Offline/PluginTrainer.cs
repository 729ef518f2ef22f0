using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Plugins;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline;

/// <summary>
/// Trains plugins through the contract (<see cref="ITrainablePlugin"/>): each named plugin that learns from interactions gets
/// every event and its own data folder, and writes a new version of its models there. The host knows nothing of what
/// the plugins are; it only checks that every setting given is one some plugin being trained understands.
/// </summary>
internal static class PluginTrainer
{
    /// <summary>
    /// The plugins to train: every one <paramref name="asked"/> names (each must be loaded and trainable), or else the
    /// trainable ones among <paramref name="defaults"/>, in the order given.
    /// </summary>
    /// <exception cref="TrainingException">A plugin asked for is not loaded (<paramref name="hint"/> is added) or does not learn.</exception>
    public static List<RankerHandle> Select(IRankerCatalog catalog, IReadOnlyList<string>? asked, IEnumerable<string> defaults, string hint = "")
    {
        using var rankers = catalog.Snapshot();
        var result = new List<RankerHandle>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in asked ?? defaults)
        {
            if (!seen.Add(name)) continue;
            if (rankers.Find(name) is { Plugin: ITrainablePlugin } handle) result.Add(handle);
            else if (asked is not null)
                throw new TrainingException(rankers.Find(name) is null
                    ? $"no plugin named '{name}' is loaded; the trainable ones are {TrainableNames(catalog)}{hint}"
                    : $"plugin '{name}' does not learn from interactions; the trainable ones are {TrainableNames(catalog)}");
        }
        return result;
    }

    private static string TrainableNames(IRankerCatalog catalog)
    {
        using var rankers = catalog.Snapshot();
        var names = catalog.List().Where(p => rankers.Find(p.Name)?.Plugin is ITrainablePlugin).Select(p => p.Name).ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    /// <summary>Trains <paramref name="plugins"/> on <paramref name="events"/> with <paramref name="settings"/>; returns what each wrote.</summary>
    /// <exception cref="TrainingException">A setting no plugin understands, bad settings, or a plugin that failed (named).</exception>
    /// <param name="skipRefusals">
    /// The plugins were not named by the user (every loaded one is trained): a plugin that cannot learn from this data
    /// (<see cref="NotSupportedException"/>: EASE above its item limit) is skipped with its reason as its summary line, and the
    /// others train. Named plugins must all train, and bad settings are an error either way.
    /// </param>
    public static List<(string Plugin, TrainingOutcome Outcome)> Train(IReadOnlyList<RankerHandle> plugins, IReadOnlyList<Interaction> events,
        TrainingSettings settings, TimeProvider clock, Action<string>? progress, CancellationToken cancellation = default, bool skipRefusals = false)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate() is { Count: > 0 } problems) throw new TrainingException(string.Join("; ", problems));
        CheckSettings(plugins, settings);
        var outcomes = new List<(string, TrainingOutcome)>(plugins.Count);
        foreach (var handle in plugins)
        {
            var plugin = (ITrainablePlugin)handle.Plugin;
            Directory.CreateDirectory(handle.DataDirectory);
            var job = new TrainingJob(events, handle.DataDirectory, settings.Values, clock, line => progress?.Invoke($"{handle.Name}: {line}"));
            try
            {
                outcomes.Add((handle.Name, plugin.Train(job, cancellation)));
            }
            catch (NotSupportedException e) when (skipRefusals) // cannot learn from data like this (too many items, say); the settings were fine
            {
                outcomes.Add((handle.Name, new TrainingOutcome($"{handle.Name}: skipped: {e.Message}", [])));
            }
            catch (ArgumentException e)
            {
                throw new TrainingException($"plugin '{handle.Name}' refused its training settings: {ExceptionText.WithoutParameterName(e)}", e);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (e is not TrainingException) // plugin code: its failure is reported by name, never a crash
            {
                throw new TrainingException($"plugin '{handle.Name}' failed to train: {e.GetType().Name}: {e.Message}", e);
            }
        }
        return outcomes;
    }

    private static void CheckSettings(IReadOnlyList<RankerHandle> plugins, TrainingSettings settings)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in plugins)
            foreach (var s in ((ITrainablePlugin)handle.Plugin).TrainingSettings) known.Add(s.Name);
        var unknown = settings.Values.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0) return;
        string trained = plugins.Count == 0 ? "no trainable plugin" : string.Join(", ", plugins.Select(p => p.Name));
        throw new TrainingException($"training setting{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))} "
            + $"{(unknown.Count > 1 ? "are" : "is")} understood by none of the plugins being trained ({trained}; they understand: {(known.Count == 0 ? "nothing" : string.Join(", ", known.Order(StringComparer.Ordinal)))})");
    }
}

/// <summary>Training could not run: bad settings, or a plugin that failed (the message names it). A user error at the CLI (exit 2).</summary>
internal sealed class TrainingException(string message, Exception? inner = null) : Exception(message, inner);
