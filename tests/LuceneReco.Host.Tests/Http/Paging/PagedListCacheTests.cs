using LuceneReco.Host.Http.Paging;
using LuceneReco.Host.Pipelines;
using Microsoft.Extensions.Time.Testing;

namespace LuceneReco.Host.Tests.Http.Paging;

/// <summary>The kept lists: bounded in number and in time; cursors read back what they wrote.</summary>
public sealed class PagedListCacheTests
{
    private readonly FakeTimeProvider _clock = new();

    private PagedList List(string first) =>
        new(RequestKind.Search, "default", [new PagedItem(first, 1, null, null, null, null)], 10, false, [], new Dictionary<string, string>(), _clock.GetUtcNow());

    [Fact]
    public void Find_WithinTheTimeToLive_ReturnsTheList_AfterItNothing()
    {
        var cache = new PagedListCache(new PagingLimits { TimeToLive = TimeSpan.FromMinutes(2) }, _clock);
        var id = cache.Add(List("a"));
        _clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal("a", cache.Find(id)!.Items[0].Id);
        Assert.False(cache.IsExpired(_clock.GetUtcNow() - TimeSpan.FromSeconds(119)));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(cache.Find(id));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Add_WhenFull_DropsTheOldestList()
    {
        var cache = new PagedListCache(new PagingLimits { Capacity = 3 }, _clock);
        var ids = new List<Guid>();
        for (int i = 0; i < 5; i++)
        {
            ids.Add(cache.Add(List("item" + i)));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.Equal(3, cache.Count);
        Assert.Null(cache.Find(ids[0]));
        Assert.Null(cache.Find(ids[1]));
        Assert.Equal("item4", cache.Find(ids[4])!.Items[0].Id);
    }

    [Fact]
    public void Cursor_RoundTrips_AndGarbageIsRefused()
    {
        var cursor = new PageCursor(PageCursor.NewId(), DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), 130);
        Assert.True(PageCursor.TryParse(cursor.ToString(), out var back));
        Assert.Equal(cursor, back);
        Assert.DoesNotContain('+', cursor.ToString());
        Assert.DoesNotContain('/', cursor.ToString());
        foreach (var bad in new[] { "", "*", "abc", cursor.ToString()[..^2], cursor.ToString() + "AAAA", new string('A', 200) })
            Assert.False(PageCursor.TryParse(bad, out _), $"'{bad}' read as a cursor");
    }

    [Fact]
    public void Validate_ListsEveryLimitOutOfRange()
    {
        var e = Assert.Throws<ArgumentException>(() => new PagingLimits { Depth = 0, TimeToLive = TimeSpan.Zero, Capacity = 0 }.Validate());
        Assert.Contains("depth must be 1 to 1000", e.Message);
        Assert.Contains("time to live", e.Message);
        Assert.Contains("capacity", e.Message);
    }
}
