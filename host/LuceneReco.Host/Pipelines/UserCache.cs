using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// What the runner remembers per user between requests: the profile queries built from the user's history (the terms
/// and weights "more like this" chose) and the user's recent plain results. Least recently used users are dropped past
/// <see cref="Capacity"/> entries. An entry is used only while it was made from the same index generation and the same
/// history (the user's events, compared by count and a 64-bit fingerprint of every event read), so a new event of the
/// user, an item written or deleted (a new generation) or an erasure (an empty history) makes it miss; an erasure also
/// drops it at once (<see cref="Forget"/>), so nothing of an erased user stays in memory. Thread-safe.
/// </summary>
internal sealed class UserCache
{
    /// <summary>The default <see cref="Capacity"/>: this many users.</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>The largest <see cref="Capacity"/>.</summary>
    public const int MaxCapacity = 10_000_000;

    /// <summary>A cached result is served for at most this long (models retrained in place, stage state) after it was made.</summary>
    public static readonly TimeSpan ResultMaxAge = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, LinkedListNode<UserCacheEntry>> _byUser = new(StringComparer.Ordinal);
    private readonly LinkedList<UserCacheEntry> _order = new(); // most recently used first
    private readonly Lock _gate = new();
    private int _capacity = DefaultCapacity;
    private long _hits, _misses;

    /// <summary>The most users remembered; 0 turns the cache off (and empties it). <value>The default is <see cref="DefaultCapacity"/>.</value></summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 0 or above <see cref="MaxCapacity"/>.</exception>
    public int Capacity
    {
        get => _capacity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxCapacity);
            lock (_gate)
            {
                _capacity = value;
                Trim();
            }
        }
    }

    /// <summary>Users remembered now.</summary>
    public int Count
    {
        get { lock (_gate) return _byUser.Count; }
    }

    /// <summary>Lookups that found a valid entry, and those that did not (made or replaced one), since the start.</summary>
    public (long Hits, long Misses) Lookups => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>
    /// The user's entry for this index generation and history: the remembered one when both match, else a new empty one
    /// (remembered in its place). Null when the cache is off.
    /// </summary>
    public UserCacheEntry? For(string userId, long generation, IReadOnlyList<Interaction> history)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(history);
        var stamp = HistoryStamp.Of(history);
        lock (_gate)
        {
            if (_capacity == 0) return null;
            if (_byUser.TryGetValue(userId, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                if (node.Value.Generation == generation && node.Value.History == stamp)
                {
                    _hits++;
                    return node.Value;
                }
                node.Value = new UserCacheEntry(userId, generation, stamp);
                _misses++;
                return node.Value;
            }
            _misses++;
            var entry = new UserCacheEntry(userId, generation, stamp);
            _byUser[userId] = _order.AddFirst(entry);
            Trim();
            return entry;
        }
    }

    /// <summary>Drops what is remembered of <paramref name="userId"/> (an erasure).</summary>
    public void Forget(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        lock (_gate)
        {
            if (!_byUser.Remove(userId, out var node)) return;
            _order.Remove(node);
        }
    }

    /// <summary>Drops every entry.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _byUser.Clear();
            _order.Clear();
        }
    }

    private void Trim()
    {
        while (_byUser.Count > _capacity)
        {
            var last = _order.Last!;
            _order.RemoveLast();
            _byUser.Remove(last.Value.UserId);
        }
    }
}
