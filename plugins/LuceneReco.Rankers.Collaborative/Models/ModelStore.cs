using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Collaborative.Models;

/// <summary>
/// Serves the version of one model kind that its alias names (<see cref="ModelAliases"/>, <c>aliases.json</c> in the
/// directory; a fixed version when <see cref="Reference"/> is a number) and follows the alias when it moves, keeping the
/// version it replaced in memory so a rollback is instant. Without an alias file (or a <c>production</c> entry) it
/// serves the newest valid version and picks up newer versions as they appear:
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
    private readonly string _reference;
    private readonly Func<string, (TModel Model, ModelMetadata Metadata)> _load;
    private readonly TimeProvider _clock;
    private readonly Action<string>? _warn;
    private readonly object _gate = new();
    private readonly Dictionary<string, (long Length, DateTime Written, string Error)> _failed = new(StringComparer.Ordinal);
    private LoadedModel<TModel>? _current;
    private LoadedModel<TModel>? _replaced; // the version served before the alias last moved, for an instant rollback
    private bool _followedAlias; // the current model was chosen by an alias, not as the newest
    private long _nextPollTicks; // UTC ticks; read without the lock
    private long _published;
    private string? _lastError;

    /// <summary>Creates a store; nothing is read until <see cref="Get"/> or <see cref="Refresh"/>.</summary>
    /// <param name="directory">Where the version files are.</param>
    /// <param name="kind">The kind, i.e. the file name prefix ("itemknn", "als").</param>
    /// <param name="load">Loads one file; throws <see cref="ModelFileException"/> when it is damaged.</param>
    /// <param name="clock">Time source for the poll interval.</param>
    /// <param name="warn">Told about files that fail to load.</param>
    /// <param name="pollInterval">Least time between directory listings; <see cref="TimeSpan.Zero"/> lists on every call.</param>
    /// <param name="reference">The alias to follow or the version to serve (<c>3</c>, <c>v3</c>); the default is <c>production</c>.</param>
    public ModelStore(string directory, string kind, Func<string, (TModel Model, ModelMetadata Metadata)> load, TimeProvider clock,
        Action<string>? warn = null, TimeSpan? pollInterval = null, string? reference = null)
    {
        _reference = reference ?? ModelAliases.Production;
        if (ModelAliases.ParseVersion(_reference) is null && !ModelAliases.IsAliasName(_reference))
            throw new ArgumentException($"'{_reference}' names neither a version (3, v3) nor an alias", nameof(reference));
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

    /// <summary>The alias followed or the version served.</summary>
    public string Reference => _reference;

    /// <summary>The directory watched.</summary>
    public string Directory => _directory;

    /// <summary>The model kind (the file name prefix).</summary>
    public string Kind => _kind;

    /// <summary>
    /// The model this request uses: pinned in <paramref name="models"/> on the request's first call (so recall and rerank of one
    /// request score with one version while the alias moves), or <see cref="Get"/> when the request pins nothing.
    /// </summary>
    public LoadedModel<TModel>? For(RequestModels? models)
    {
        if (models is null) return Get();
        var loaded = models.Pin(_directory + "\n" + _kind + "\n" + _reference, Get);
        if (loaded is not null) models.Served(_directory, _kind, _reference, loaded.Version);
        return loaded;
    }

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
        int? target;
        try
        {
            target = ModelAliases.Read(_directory).Resolve(_kind, _reference);
        }
        catch (InvalidDataException e)
        {
            Volatile.Write(ref _lastError, $"{e.Message}; {Serving(current)}");
            return false;
        }
        if (target is int wanted)
        {
            _followedAlias = true;
            if (current?.Version == wanted) problem = null;
            else if (_replaced?.Version == wanted) changed = Publish(_replaced);
            else if (!File.Exists(Path.Combine(_directory, ModelFile.FileName(_kind, wanted))))
                problem = $"'{_reference}' names version {wanted} of '{_kind}', which is not in {_directory}";
            else if (TryLoad(wanted, Path.Combine(_directory, ModelFile.FileName(_kind, wanted)), current, now, out problem) is { } loaded)
                changed = Publish(loaded);
            Volatile.Write(ref _lastError, problem is null ? null : $"{problem}; {Serving(Volatile.Read(ref _current))}");
            return changed;
        }
        if (_followedAlias)
        {
            _followedAlias = false;
            current = null; // the alias was removed: serve the newest again, as without aliases
        }
        foreach ((int version, string path) in ModelFile.Versions(_directory, _kind))
        {
            if (current is not null && version <= current.Version) break;
            if (TryLoad(version, path, _current, now, out string? error) is { } loaded)
            {
                current = loaded;
                changed = Publish(loaded);
                break;
            }
            problem ??= error;
        }
        // only versions newer than the one serving were looked at, so an older damaged file is no longer a problem
        Volatile.Write(ref _lastError, problem is null ? null : $"{problem}; {Serving(Volatile.Read(ref _current))}");
        return changed;
    }

    private bool Publish(LoadedModel<TModel> next)
    {
        LoadedModel<TModel>? old = _current;
        if (old is not null && old.Version != next.Version) _replaced = old;
        Volatile.Write(ref _current, next);
        Interlocked.Increment(ref _published);
        return true;
    }

    /// <summary>How many times a model was put in service (it changes with every version loaded, an alias move or a rollback).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Loads one version file; null (with the error) when it is missing or damaged, a damaged file reported once until it changes.</summary>
    private LoadedModel<TModel>? TryLoad(int version, string path, LoadedModel<TModel>? current, DateTimeOffset now, out string? error)
    {
        error = null;
        var info = new FileInfo(path);
        if (!info.Exists) return null; // pruned between listing and now
        (long Length, DateTime Written) stamp = (info.Length, info.LastWriteTimeUtc);
        if (_failed.TryGetValue(path, out var failed) && (failed.Length, failed.Written) == stamp)
        {
            error = failed.Error;
            return null;
        }
        try
        {
            (TModel model, ModelMetadata metadata) = _load(path);
            _failed.Remove(path);
            return new LoadedModel<TModel>(model, version, path, metadata, now);
        }
        catch (ModelFileException e)
        {
            _failed[path] = (stamp.Length, stamp.Written, e.Message);
            error = e.Message;
            _warn?.Invoke($"model file failed to load: {e.Message}; {Serving(current)}");
            return null;
        }
    }

    private static string Serving(LoadedModel<TModel>? current) =>
        current is null ? "no model of this kind is loaded" : $"version {current.Version} keeps serving";
}
