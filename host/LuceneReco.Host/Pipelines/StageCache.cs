using System.Collections.Concurrent;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// The stages made for each (pipeline, step) pair, kept while both the configuration and the plugin's
/// load generation stay the same. A stage made from an older plugin load or configuration is dropped
/// when it is next asked for (or when its ranker disappears), so the old load context can unload.
/// A dropped stage that is <see cref="IDisposable"/> is disposed once its step's budget has passed (a request that got it
/// just before it was dropped may still be running it until then), so a stage can save its state; <see cref="DisposeAll"/>
/// disposes every stage at once when the host stops.
/// </summary>
/// <typeparam name="T">A stage (<see cref="IRankerStage"/>) or a candidate source (<see cref="ICandidateSource"/>).</typeparam>
internal sealed class StageCache<T>(TimeProvider? clock = null, Action<string>? log = null) where T : class
{
    /// <summary>How long a dropped stage is kept before it is disposed when no budget is given.</summary>
    public static readonly TimeSpan DefaultLinger = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string Pipeline, int Step), Entry> _stages = new();
    private readonly ConcurrentDictionary<ITimer, IDisposable> _retiring = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private long _configVersion = -1;

    private sealed record Entry(long ConfigVersion, long Generation, T Stage, TimeSpan Linger);

    /// <summary>How many stages are cached.</summary>
    public int Count => _stages.Count;

    /// <summary>How many dropped stages wait to be disposed.</summary>
    public int Retiring => _retiring.Count;

    /// <summary>
    /// The stage for step <paramref name="step"/> of <paramref name="pipeline"/> made by <paramref name="handle"/>'s
    /// plugin under configuration <paramref name="configVersion"/>, created with <paramref name="create"/> when missing or stale.
    /// <paramref name="linger"/> is how long the stage may still be in use after it is dropped (the step's budget).
    /// </summary>
    public T GetOrCreate(string pipeline, int step, long configVersion, RankerHandle handle, Func<T> create, TimeSpan? linger = null)
    {
        if (Interlocked.Exchange(ref _configVersion, configVersion) != configVersion)
            foreach (var stale in _stages.Keys)
                if (_stages.TryGetValue(stale, out var old) && old.ConfigVersion != configVersion && _stages.TryRemove(new KeyValuePair<(string, int), Entry>(stale, old))) Retire(old);
        var key = (pipeline, step);
        if (_stages.TryGetValue(key, out var entry) && Fresh(entry, configVersion, handle))
            return entry.Stage;
        var created = new Entry(configVersion, handle.Generation, create(), linger ?? DefaultLinger);
        while (true)
        {
            if (_stages.TryGetValue(key, out var current))
            {
                if (Fresh(current, configVersion, handle))
                {
                    Retire(created with { Linger = TimeSpan.Zero }); // another request made it first; ours was never used
                    return current.Stage;
                }
                if (_stages.TryUpdate(key, created, current))
                {
                    Retire(current);
                    return created.Stage;
                }
            }
            else if (_stages.TryAdd(key, created)) return created.Stage;
        }
    }

    /// <summary>Drops the stage of a step whose ranker is no longer available.</summary>
    public void Remove(string pipeline, int step)
    {
        if (_stages.TryRemove((pipeline, step), out var entry)) Retire(entry);
    }

    /// <summary>Drops every stage and disposes it now, with those still waiting to be disposed (the host is stopping).</summary>
    public void DisposeAll()
    {
        foreach (var key in _stages.Keys)
            if (_stages.TryRemove(key, out var entry)) Retire(entry with { Linger = TimeSpan.Zero });
        foreach (var timer in _retiring.Keys)
            if (_retiring.TryRemove(timer, out var stage))
            {
                timer.Dispose();
                DisposeNow(stage);
            }
    }

    private static bool Fresh(Entry entry, long configVersion, RankerHandle handle) =>
        entry.ConfigVersion == configVersion && entry.Generation == handle.Generation;

    private void Retire(Entry entry)
    {
        if (entry.Stage is not IDisposable disposable) return;
        if (entry.Linger <= TimeSpan.Zero)
        {
            DisposeNow(disposable);
            return;
        }
        ITimer? timer = null;
        timer = _clock.CreateTimer(_ =>
        {
            // made stopped and started only once it is stored, so the callback always finds it
            if (timer is not null && _retiring.TryRemove(timer, out var stage))
            {
                timer.Dispose();
                DisposeNow(stage);
            }
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _retiring[timer] = disposable; // held here until it fires: an unreferenced timer could be collected before it does
        timer.Change(entry.Linger, Timeout.InfiniteTimeSpan);
    }

    private void DisposeNow(IDisposable stage)
    {
        try
        {
            stage.Dispose();
        }
        catch (Exception e) // plugin code: a stage that fails to dispose is reported, and the others are still disposed
        {
            log?.Invoke($"a replaced stage ({stage.GetType().Name}) threw while being disposed: {e.GetType().Name}: {e.Message}");
        }
    }
}
