namespace LuceneReco.Host.Plugins;

/// <summary>
/// Counts the request-time faults of one loaded ranker in a sliding window and quarantines it once
/// <c>limit</c> faults fall within <c>window</c>. Thread-safe; quarantine lasts until <see cref="Release"/>
/// (a new version of the plugin gets a fresh tracker).
/// </summary>
internal sealed class FaultTracker
{
    private readonly Lock _gate = new();
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private int _total;
    private string? _quarantineReason;

    /// <param name="limit">Faults within <paramref name="window"/> that quarantine; at least 1.</param>
    /// <param name="window">The sliding window; greater than zero.</param>
    /// <param name="time">The clock.</param>
    public FaultTracker(int limit, TimeSpan window, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _limit = limit;
        _window = window;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Why the ranker is quarantined, or null when it is not.</summary>
    public string? QuarantineReason => Volatile.Read(ref _quarantineReason);

    /// <summary>Faults recorded since the ranker was loaded (a release does not reset it).</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Records a fault; returns true when this fault quarantined the ranker.</summary>
    public bool Record(string reason)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _total++;
            _recent.Enqueue(now);
            while (now - _recent.Peek() >= _window) _recent.Dequeue();
            if (_quarantineReason is not null || _recent.Count < _limit) return false;
            Volatile.Write(ref _quarantineReason, $"quarantined after {_recent.Count} faults within {_window}; last: {reason}");
            return true;
        }
    }

    /// <summary>Lifts the quarantine and forgets the faults in the window.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _recent.Clear();
            Volatile.Write(ref _quarantineReason, null);
        }
    }
}
