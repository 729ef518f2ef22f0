using System.Collections.Concurrent;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// The stages made for each (pipeline, step) pair, kept while both the configuration and the plugin's
/// load generation stay the same. A stage made from an older plugin load or configuration is dropped
/// when it is next asked for (or when its ranker disappears), so the old load context can unload.
/// </summary>
/// <typeparam name="T">A stage (<see cref="IRankerStage"/>) or a candidate source (<see cref="ICandidateSource"/>).</typeparam>
internal sealed class StageCache<T> where T : class
{
    private readonly ConcurrentDictionary<(string Pipeline, int Step), Entry> _stages = new();
    private long _configVersion = -1;

    private sealed record Entry(long ConfigVersion, long Generation, T Stage);

    /// <summary>How many stages are cached.</summary>
    public int Count => _stages.Count;

    /// <summary>
    /// The stage for step <paramref name="step"/> of <paramref name="pipeline"/> made by <paramref name="handle"/>'s
    /// plugin under configuration <paramref name="configVersion"/>, created with <paramref name="create"/> when missing or stale.
    /// </summary>
    public T GetOrCreate(string pipeline, int step, long configVersion, RankerHandle handle, Func<T> create)
    {
        if (Interlocked.Exchange(ref _configVersion, configVersion) != configVersion) _stages.Clear();
        var key = (pipeline, step);
        if (_stages.TryGetValue(key, out var entry) && entry.ConfigVersion == configVersion && entry.Generation == handle.Generation)
            return entry.Stage;
        var stage = create();
        _stages[key] = new Entry(configVersion, handle.Generation, stage);
        return stage;
    }

    /// <summary>Drops the stage of a step whose ranker is no longer available.</summary>
    public void Remove(string pipeline, int step) => _stages.TryRemove((pipeline, step), out _);
}
