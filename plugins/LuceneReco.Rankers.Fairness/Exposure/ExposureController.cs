using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Fairness.Exposure;

/// <summary>
/// Amortised exposure bookkeeping in the spirit of Biega, Gummadi &amp; Weikum (SIGIR 2018, "Equity of attention"): per group
/// the cumulative exposure it received and the cumulative exposure it was owed, each request adding shares that sum to 1.
/// A group's relative deficit <c>max(0, owed - received) / owed</c> drives the next requests' boosts, so attention evens out
/// over many requests rather than within each list. Thread-safe; saved to its file at most every N seconds or M requests
/// and on <see cref="Save"/>.
/// </summary>
internal sealed class ExposureController
{
    private readonly object _lock = new();
    private readonly object _saveLock = new();
    private readonly string _path;
    private readonly ExposureOptions _options;
    private readonly IRankerServices _services;
    private readonly Dictionary<string, (double Exposure, double Target)> _groups = new(StringComparer.Ordinal);
    private long _requests;
    private long _savedRequests;
    private DateTimeOffset _savedAt;

    public ExposureController(string path, ExposureOptions options, IRankerServices services)
    {
        _path = path;
        _options = options;
        _services = services;
        _savedAt = services.Clock.GetUtcNow();
        try
        {
            if (ExposureState.Read(path) is { } saved)
            {
                _requests = _savedRequests = saved.Requests;
                foreach (var (name, value) in saved.Groups) _groups[name] = value;
            }
        }
        catch (InvalidDataException e)
        {
            string aside = path + ".damaged";
            File.Move(path, aside, overwrite: true);
            services.Log.Warn($"{e.Message}; starting from no history, the file is kept as {aside}");
        }
    }

    /// <summary>The state file.</summary>
    public string Path => _path;

    /// <summary>Requests recorded so far (across restarts).</summary>
    public long Requests
    {
        get { lock (_lock) return _requests; }
    }

    /// <summary>A copy of the per-group (received, owed) totals.</summary>
    public ExposureState.Snapshot Snapshot()
    {
        lock (_lock) return new ExposureState.Snapshot(_requests, new Dictionary<string, (double, double)>(_groups, StringComparer.Ordinal));
    }

    /// <summary>Each group's relative deficit, 0 (at or above its share, or unknown) to 1 (never shown).</summary>
    public void Deficits(IReadOnlyList<string> groups, Span<double> into)
    {
        lock (_lock)
        {
            for (int g = 0; g < groups.Count; g++)
                into[g] = _groups.TryGetValue(groups[g], out var s) && s.Target > 0 ? Math.Max(0, s.Target - s.Exposure) / s.Target : 0;
        }
    }

    /// <summary>Adds one request's received and owed shares (each summing to 1 over its groups), then saves if due.</summary>
    public void Record(IReadOnlyList<string> groups, ReadOnlySpan<double> received, ReadOnlySpan<double> owed)
    {
        bool due;
        lock (_lock)
        {
            for (int g = 0; g < groups.Count; g++)
            {
                var s = _groups.GetValueOrDefault(groups[g]);
                _groups[groups[g]] = (s.Exposure + received[g], s.Target + owed[g]);
            }
            _requests++;
            due = (_options.SaveEveryRequests is int every && _requests - _savedRequests >= every)
                || (_options.SaveEverySeconds is double seconds && (_services.Clock.GetUtcNow() - _savedAt).TotalSeconds >= seconds);
        }
        if (due) Save(onlyIfFree: true);
    }

    /// <summary>Writes the state now (temp file, fsync, rename). With <paramref name="onlyIfFree"/> a save already running makes this one return.</summary>
    public void Save(bool onlyIfFree = false)
    {
        if (onlyIfFree) { if (!Monitor.TryEnter(_saveLock)) return; }
        else Monitor.Enter(_saveLock);
        try
        {
            ExposureState.Snapshot state;
            lock (_lock)
            {
                if (_requests == _savedRequests) return; // nothing new since the last save (or since the file was read)
                state = new ExposureState.Snapshot(_requests, new Dictionary<string, (double, double)>(_groups, StringComparer.Ordinal));
            }
            try
            {
                ExposureState.Write(_path, state);
            }
            catch (IOException e)
            {
                _services.Log.Warn($"could not save exposure state to {_path}: {e.Message}; will try again");
                return;
            }
            catch (UnauthorizedAccessException e)
            {
                _services.Log.Warn($"could not save exposure state to {_path}: {e.Message}; will try again");
                return;
            }
            lock (_lock)
            {
                _savedRequests = state.Requests;
                _savedAt = _services.Clock.GetUtcNow();
            }
        }
        finally
        {
            Monitor.Exit(_saveLock);
        }
    }
}
