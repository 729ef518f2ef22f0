using LuceneReco.Host.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Plugins;

/// <summary>
/// The hot-reloading plugin catalogue. Every subfolder of <see cref="PluginCatalogOptions.Folder"/> is a
/// plugin. The folder is watched; once it has been quiet for the debounce delay it is rescanned: a new or
/// changed plugin (by <see cref="PluginFingerprint"/>) is loaded into a fresh context beside the serving one,
/// and the next immutable snapshot is published with <see cref="Interlocked.Exchange{T}(ref T, T)"/>, so
/// <see cref="Find"/> is a lock-free read and a request keeps the handle it got. Only then is the replaced
/// version's context unloaded. A version that fails to load leaves the previous one serving, with state
/// "failed"; a removed folder removes its rankers. Rescans are serialised by one lock.
/// </summary>
internal sealed class PluginCatalog : IRankerCatalog, IDisposable
{
    private readonly PluginCatalogOptions _options;
    private readonly string _root;
    private readonly Action<string> _log;
    private readonly TimeProvider _time;
    private readonly PluginLoader _loader;
    private readonly Lock _rescanGate = new();
    private readonly Debouncer? _debouncer;
    private readonly FileSystemWatcher? _watcher;
    private CatalogSnapshot _snapshot = CatalogSnapshot.Empty;
    private long _generation;
    private int _disposed;

    /// <summary>Loads every plugin in the folder now and, if <see cref="PluginCatalogOptions.Watch"/>, starts watching it.</summary>
    /// <param name="options">Where and how; validated here.</param>
    /// <param name="log">Receives loads, failures, removals and quarantines, one line each.</param>
    /// <param name="time">The clock for load times, quarantine windows and the debounce; the system clock by default.</param>
    public PluginCatalog(PluginCatalogOptions options, Action<string> log, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _root = Path.GetFullPath(options.Folder);
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _time = time ?? TimeProvider.System;
        _loader = new PluginLoader(options.PinnedSha256, _log);
        Directory.CreateDirectory(_root);
        if (options.Watch)
        {
            // Watch before the first scan, so a change made during it is not missed.
            _debouncer = new Debouncer(TimeSpan.FromMilliseconds(options.DebounceMs), () => Rescan(releaseQuarantines: false),
                e => _log($"plugins: rescan of {_root} failed: {e}"), _time);
            _watcher = new FileSystemWatcher(_root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Created += OnChanged;
            _watcher.Changed += OnChanged;
            _watcher.Deleted += OnChanged;
            _watcher.Renamed += OnChanged;
            _watcher.Error += (_, e) =>
            {
                _log($"plugins: watching {_root} failed ({e.GetException().Message}); rescanning");
                _debouncer.Signal();
            };
            _watcher.EnableRaisingEvents = true;
        }
        Rescan(releaseQuarantines: false);
    }

    /// <inheritdoc/>
    public RankerHandle? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Volatile.Read(ref _snapshot).ByName.TryGetValue(name, out var entry) && entry.Faults.QuarantineReason is null
            ? entry.Handle
            : null;
    }

    /// <inheritdoc/>
    public RankerSet Snapshot()
    {
        while (true)
        {
            var snapshot = Volatile.Read(ref _snapshot);
            var held = new List<LoadedPlugin>(snapshot.Folders.Count);
            bool all = true;
            foreach (var folder in snapshot.Folders)
            {
                if (folder.Serving is not { } plugin) continue;
                if (plugin.TryAcquire()) held.Add(plugin);
                else { all = false; break; }
            }
            if (!all) // replaced and unloaded since we read the snapshot: the newer one is published already
            {
                foreach (var plugin in held) plugin.Release();
                continue;
            }
            var byName = snapshot.ByName;
            return new RankerSet(name => byName.TryGetValue(name, out var entry) && entry.Faults.QuarantineReason is null ? entry.Handle : null,
                () => { foreach (var plugin in held) plugin.Release(); });
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<PluginStatus> List()
    {
        var rows = new List<PluginStatus>();
        foreach (var folder in Volatile.Read(ref _snapshot).Folders)
        {
            if (folder.Rankers.Count == 0)
                rows.Add(new PluginStatus(Path.GetFileName(folder.Folder), null, "failed", folder.Error, folder.Folder, null, null, 0));
            foreach (var entry in folder.Rankers)
            {
                var quarantine = entry.Faults.QuarantineReason;
                // "stale": the folder's new files failed to load and the version loaded before keeps serving
                var state = quarantine is not null ? "quarantined" : folder.Error is not null ? "stale" : "loaded";
                rows.Add(new PluginStatus(entry.Handle.Name, entry.Handle.Version, state, quarantine ?? folder.Error, folder.Folder,
                    folder.Serving!.Sha256, entry.LoadedAt, entry.Faults.Total));
            }
        }
        return rows;
    }

    /// <inheritdoc/>
    public void ReportFault(string name, string reason)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Volatile.Read(ref _snapshot).ByName.TryGetValue(name, out var entry) && entry.Faults.Record(reason))
            _log($"plugins: ranker '{name}' {entry.Faults.QuarantineReason}");
    }

    /// <inheritdoc/>
    /// <remarks>Also lifts every quarantine.</remarks>
    public void Reload()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Rescan(releaseQuarantines: true);
    }

    /// <summary>Stops watching and unloads every plugin; <see cref="Find"/> returns null afterwards.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _watcher?.Dispose();
        _debouncer?.Dispose();
        lock (_rescanGate)
        {
            var last = Interlocked.Exchange(ref _snapshot, CatalogSnapshot.Empty);
            foreach (var folder in last.Folders) folder.Serving?.Unload();
        }
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (IsRelevant(e.FullPath) || (e is RenamedEventArgs renamed && IsRelevant(renamed.OldFullPath))) _debouncer!.Signal();
    }

    /// <summary>A change to plugin code: not in a '.'-folder being staged, not in a plugin's data folder.</summary>
    private bool IsRelevant(string path)
    {
        var relative = Path.GetRelativePath(_root, path);
        var slash = relative.IndexOfAny([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar]);
        if (relative.StartsWith('.')) return false;
        return slash < 0 || _options.DataRoot is not null || !PluginFingerprint.IsData(relative[(slash + 1)..]);
    }

    private void Rescan(bool releaseQuarantines)
    {
        lock (_rescanGate)
        {
            if (Volatile.Read(ref _disposed) != 0) return;
            var old = Volatile.Read(ref _snapshot);
            List<string> folders;
            try
            {
                folders = Directory.GetDirectories(_root)
                    .Where(d => !Path.GetFileName(d).StartsWith('.'))
                    .Order(StringComparer.Ordinal)
                    .ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _log($"plugins: cannot list {_root}: {e.Message}; keeping the plugins loaded");
                return;
            }

            var oldByFolder = old.Folders.ToDictionary(f => f.Folder, StringComparer.Ordinal);
            // A name stays with the folder serving it; new versions claim names in folder order.
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var folder in old.Folders.Where(f => folders.Contains(f.Folder)))
                foreach (var entry in folder.Rankers) owners[entry.Handle.Name] = folder.Folder;

            var next = new List<FolderState>(folders.Count);
            var replaced = new List<LoadedPlugin>();
            foreach (var folder in folders)
            {
                var previous = oldByFolder.GetValueOrDefault(folder);
                var state = Scan(folder, previous, owners);
                if (state.Serving != previous?.Serving && previous?.Serving is not null) replaced.Add(previous.Serving);
                next.Add(state);
            }
            foreach (var gone in old.Folders.Where(f => !folders.Contains(f.Folder)))
            {
                _log($"plugins: {gone.Folder} was removed; its rankers are gone");
                if (gone.Serving is not null) replaced.Add(gone.Serving);
            }
            if (releaseQuarantines)
                foreach (var entry in next.SelectMany(f => f.Rankers)) entry.Faults.Release();

            Interlocked.Exchange(ref _snapshot, new CatalogSnapshot(next));
            // Requests that already hold a handle finish on the old version; the context goes when they drop it.
            foreach (var plugin in replaced) plugin.Unload();
        }
    }

    /// <summary>The state of one folder after this scan: unchanged, newly loaded, or failed with the previous version kept.</summary>
    private FolderState Scan(string folder, FolderState? previous, Dictionary<string, string> owners)
    {
        string fingerprint;
        try
        {
            fingerprint = PluginFingerprint.Of(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No fingerprint recorded: the next rescan tries again.
            return Failed(folder, previous, null, $"cannot read plugin folder '{folder}': {e.Message}");
        }
        if (previous is not null && previous.Fingerprint == fingerprint) return previous;

        LoadedPlugin loaded;
        try
        {
            loaded = _loader.Load(folder);
        }
        catch (PluginLoadException e)
        {
            return Failed(folder, previous, fingerprint, e.Message);
        }

        foreach (var ranker in loaded.Rankers)
        {
            if (owners.TryGetValue(ranker.Name, out var owner) && owner != folder)
            {
                loaded.Unload();
                // No fingerprint recorded: once the other folder gives the name up, a rescan loads this one.
                return Failed(folder, previous, null,
                    $"ranker '{ranker.Name}' in '{loaded.MainAssembly}' is already served by plugin folder '{owner}'");
            }
        }

        List<RankerEntry> entries;
        try
        {
            entries = CreateEntries(loaded);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            loaded.Unload();
            return Failed(folder, previous, fingerprint, $"cannot prepare services for '{loaded.MainAssembly}': {e.Message}");
        }
        foreach (var name in owners.Where(o => o.Value == folder).Select(o => o.Key).ToList()) owners.Remove(name);
        foreach (var entry in entries) owners[entry.Handle.Name] = folder;
        _log($"plugins: loaded {string.Join(", ", entries.Select(e => $"'{e.Handle.Name}' {e.Handle.Version}"))} from {loaded.MainAssembly} (sha256 {loaded.Sha256[..12]})");
        return new FolderState(folder, fingerprint, loaded, entries, Error: null);
    }

    private FolderState Failed(string folder, FolderState? previous, string? fingerprint, string error)
    {
        var serving = previous?.Serving is null ? "" : $"; version {previous.Rankers[0].Handle.Version} keeps serving";
        _log($"plugins: {error}{serving}");
        return previous is null
            ? new FolderState(folder, fingerprint, null, [], error)
            : previous with { Fingerprint = fingerprint, Error = error };
    }

    private List<RankerEntry> CreateEntries(LoadedPlugin loaded)
    {
        var dataDirectory = Path.GetFullPath(_options.DataDirectoryOf(Path.GetFileName(loaded.Folder)));
        var loadedAt = _time.GetUtcNow();
        var entries = new List<RankerEntry>(loaded.Rankers.Count);
        foreach (var ranker in loaded.Rankers)
        {
            var handle = new RankerHandle(ranker.Name, ranker.Version, ranker.Plugin, Interlocked.Increment(ref _generation), dataDirectory);
            entries.Add(new RankerEntry(handle, new FaultTracker(_options.QuarantineAfterFaults, _options.QuarantineWindow, _time), loadedAt));
        }
        return entries;
    }

    /// <summary>One loaded ranker: its handle, its faults, when it was loaded.</summary>
    private sealed record RankerEntry(RankerHandle Handle, FaultTracker Faults, DateTimeOffset LoadedAt);

    /// <summary>A plugin folder: the fingerprint last tried (null: try again), the serving version and its rankers, the last error.</summary>
    private sealed record FolderState(string Folder, string? Fingerprint, LoadedPlugin? Serving, IReadOnlyList<RankerEntry> Rankers, string? Error);

    /// <summary>What one rescan published: immutable, read without locks.</summary>
    private sealed class CatalogSnapshot
    {
        public static readonly CatalogSnapshot Empty = new([]);

        public CatalogSnapshot(IReadOnlyList<FolderState> folders)
        {
            Folders = folders;
            ByName = folders.SelectMany(f => f.Rankers).ToDictionary(e => e.Handle.Name, StringComparer.Ordinal);
        }

        public IReadOnlyList<FolderState> Folders { get; }

        public IReadOnlyDictionary<string, RankerEntry> ByName { get; }
    }
}
