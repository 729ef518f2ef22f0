namespace LuceneReco.Rankers.Collaborative.Models;

/// <summary>
/// Serves the newest valid version of one model kind from a directory and picks up newer versions as they appear:
/// <see cref="Get"/> lists the directory at most once per <see cref="PollInterval"/> (one directory read, no file
/// opened unless a newer version is there). A version that fails to load is reported once (its error names the
/// file) and skipped until the file changes; the model already loaded keeps serving. At start the newest version
/// that loads wins, so a damaged newest file falls back to the one before. Thread-safe: requests never wait on a reload
/// once a model is loaded.
/// </summary>
public sealed class ModelStore<TModel> where TModel : class
{
    private readonly string _directory;
    private readonly string _kind;
    private readonly Func<string, (TModel Model, ModelMetadata Metadata)> _load;
    private readonly TimeProvider _clock;
    private readonly Action<string>? _warn;
    private readonly object _gate = new();
    private readonly Dictionary<string, (long Length, DateTime Written, string Error)> _failed = new(StringComparer.Ordinal);
    private LoadedModel<TModel>? _current;
    private long _nextPollTicks; // UTC ticks; read without the lock
    private string? _lastError;

    /// <summary>Creates a store; nothing is read until <see cref="Get"/> or <see cref="Refresh"/>.</summary>
    /// <param name="directory">Where the version files are.</param>
    /// <param name="kind">The kind, i.e. the file name prefix ("itemknn", "als").</param>
    /// <param name="load">Loads one file; throws <see cref="ModelFileException"/> when it is damaged.</param>
    /// <param name="clock">Time source for the poll interval.</param>
    /// <param name="warn">Told about files that fail to load.</param>
    /// <param name="pollInterval">Least time between directory listings; <see cref="TimeSpan.Zero"/> lists on every call.</param>
    public ModelStore(string directory, string kind, Func<string, (TModel Model, ModelMetadata Metadata)> load, TimeProvider clock,
        Action<string>? warn = null, TimeSpan? pollInterval = null)
    {
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _kind = kind ?? throw new ArgumentNullException(nameof(kind));
        _load = load ?? throw new ArgumentNullException(nameof(load));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _warn = warn;
        PollInterval = pollInterval ?? TimeSpan.FromSeconds(2);
        if (PollInterval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(pollInterval), pollInterval, "The poll interval must be >= 0");
    }

    /// <summary>Least time between directory listings.</summary>
    public TimeSpan PollInterval { get; }

    /// <summary>The directory watched.</summary>
    public string Directory => _directory;

    /// <summary>
    /// Why the newest version on disk is not the one serving (its load error, naming the file, and what serves instead),
    /// or null when it is, or when there is no version yet. Clears by itself at the next listing once a good newer
    /// version loads or the damaged file is removed.
    /// </summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>The model being served, after checking for a newer version when the poll interval has passed; null when no version has loaded.</summary>
    public LoadedModel<TModel>? Get()
    {
        LoadedModel<TModel>? current = Volatile.Read(ref _current);
        // nothing loaded yet: always take the lock, so a caller racing a first load waits for it instead of seeing null
        if (current is not null && _clock.GetUtcNow().UtcTicks < Volatile.Read(ref _nextPollTicks)) return current;
        if (current is null)
        {
            lock (_gate) RefreshLocked(force: false);
        }
        else if (Monitor.TryEnter(_gate))
        {
            try { RefreshLocked(force: false); }
            finally { Monitor.Exit(_gate); }
        }
        return Volatile.Read(ref _current);
    }

    /// <summary>Lists the directory now and loads a newer version if one is there; returns whether the served model changed.</summary>
    public bool Refresh()
    {
        lock (_gate) return RefreshLocked(force: true);
    }

    private bool RefreshLocked(bool force)
    {
        DateTimeOffset now = _clock.GetUtcNow();
        if (!force && now.UtcTicks < _nextPollTicks) return false;
        Volatile.Write(ref _nextPollTicks, (now + PollInterval).UtcTicks);
        LoadedModel<TModel>? current = _current;
        string? problem = null; // the newest version that does not load, if it is newer than what serves
        bool changed = false;
        foreach ((int version, string path) in ModelFile.Versions(_directory, _kind))
        {
            if (current is not null && version <= current.Version) break;
            var info = new FileInfo(path);
            if (!info.Exists) continue; // pruned between listing and now
            (long Length, DateTime Written) stamp = (info.Length, info.LastWriteTimeUtc);
            if (_failed.TryGetValue(path, out var failed) && (failed.Length, failed.Written) == stamp)
            {
                problem ??= failed.Error;
                continue;
            }
            try
            {
                (TModel model, ModelMetadata metadata) = _load(path);
                _failed.Remove(path);
                current = new LoadedModel<TModel>(model, version, path, metadata, now);
                Volatile.Write(ref _current, current);
                changed = true;
                break;
            }
            catch (ModelFileException e)
            {
                _failed[path] = (stamp.Length, stamp.Written, e.Message);
                problem ??= e.Message;
                _warn?.Invoke($"model file failed to load: {e.Message}; {Serving(current)}");
            }
        }
        // only versions newer than the one serving were looked at, so an older damaged file is no longer a problem
        Volatile.Write(ref _lastError, problem is null ? null : $"{problem}; {Serving(current)}");
        return changed;
    }

    private static string Serving(LoadedModel<TModel>? current) =>
        current is null ? "no model of this kind is loaded" : $"version {current.Version} keeps serving";
}
