namespace LuceneReco.Host.Http.Paging;

/// <summary>
/// The kept paged lists: at most <see cref="PagingLimits.Capacity"/>, each for <see cref="PagingLimits.TimeToLive"/>
/// after its first page. Lists leave in the order they came (every list lives equally long, so the oldest is also the
/// first to expire); a full cache drops its oldest list for a new one. Thread-safe; time from a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class PagedListCache(PagingLimits limits, TimeProvider clock)
{
    private readonly Dictionary<Guid, PagedList> _lists = new();
    private readonly Queue<Guid> _order = new();
    private readonly Lock _lock = new();

    /// <summary>The limits in force.</summary>
    public PagingLimits Limits => limits;

    /// <summary>The clock lists are dated by.</summary>
    public TimeProvider Clock => clock;

    /// <summary>How many lists are kept now (expired ones not yet dropped included).</summary>
    public int Count
    {
        get { lock (_lock) return _lists.Count; }
    }

    /// <summary>Keeps <paramref name="list"/> under a new random id and returns the id.</summary>
    public Guid Add(PagedList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var id = PageCursor.NewId();
        lock (_lock)
        {
            DropExpired(clock.GetUtcNow());
            while (_lists.Count >= limits.Capacity && _order.TryDequeue(out var oldest)) _lists.Remove(oldest);
            _lists[id] = list;
            _order.Enqueue(id);
        }
        return id;
    }

    /// <summary>The list <paramref name="id"/>, or null when it expired, was dropped for a newer one, or never was.</summary>
    public PagedList? Find(Guid id)
    {
        lock (_lock)
        {
            DropExpired(clock.GetUtcNow());
            return _lists.GetValueOrDefault(id);
        }
    }

    /// <summary>Whether a list made at <paramref name="created"/> has outlived the time to live.</summary>
    public bool IsExpired(DateTimeOffset created) => clock.GetUtcNow() - created >= limits.TimeToLive;

    private void DropExpired(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest))
        {
            if (_lists.TryGetValue(oldest, out var list) && now - list.Created < limits.TimeToLive) return;
            _order.Dequeue();
            _lists.Remove(oldest);
        }
    }
}
