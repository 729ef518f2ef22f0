using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Serving;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Serving;

/// <summary>The in-memory interaction store and the latency window.</summary>
public sealed class ServingStateTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;

        public void Advance(TimeSpan by) => Ticks += by.Ticks;
    }

    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Store_KeepsNewestFirst_WhateverTheArrivalOrder_AndErasesAUser()
    {
        var store = new InMemoryInteractionStore();
        store.Add(new Interaction("u", "b", "view", 1, T0.AddMinutes(2)));
        store.Add(new Interaction("u", "a", "view", 1, T0.AddMinutes(1)));
        store.Add(new Interaction("u", "c", "click", 2, T0.AddMinutes(3)));
        store.Add(new Interaction("v", "a", "view", 1, T0));

        Assert.Equal(["c", "b", "a"], store.ForUser("u").Select(i => i.ItemId));
        Assert.Equal(["c", "b"], store.ForUser("u", 2).Select(i => i.ItemId));
        Assert.Equal(["u", "v"], store.ForItem("a").Select(i => i.UserId));
        Assert.Equal(4, store.Count);

        Assert.Equal(3, store.EraseUser("u"));
        Assert.Empty(store.ForUser("u"));
        Assert.Equal(["v"], store.ForItem("a").Select(i => i.UserId));
        Assert.Empty(store.ForItem("c"));
        Assert.Equal(1, store.Count);
        Assert.Equal(0, store.EraseUser("u"));
    }

    [Fact]
    public void Store_KeepsAtMostMaxPerKeyEvents_DroppingTheOldest()
    {
        var store = new InMemoryInteractionStore();
        for (int i = 0; i < InMemoryInteractionStore.MaxPerKey + 5; i++)
            store.Add(new Interaction("u", "i" + i, "view", 1, T0.AddSeconds(i)));
        var kept = store.ForUser("u", int.MaxValue);
        Assert.Equal(InMemoryInteractionStore.MaxPerKey, kept.Count);
        Assert.Equal("i" + (InMemoryInteractionStore.MaxPerKey + 4), kept[0].ItemId);
        Assert.Equal("i5", kept[^1].ItemId);
        Assert.Equal(InMemoryInteractionStore.MaxPerKey, store.Count);
    }

    [Fact]
    public void LatencyWindow_NearestRankPercentiles_OverTheWindowOnly()
    {
        var clock = new ManualClock();
        var window = new LatencyWindow(TimeSpan.FromMinutes(5), clock);
        for (int i = 0; i < 50; i++) window.Record(1000, failed: true); // old samples
        clock.Advance(TimeSpan.FromMinutes(6));
        for (int i = 1; i <= 100; i++) window.Record(i);

        var summary = window.Summarize();
        Assert.Equal(150, summary.Count);
        Assert.Equal(50, summary.Failures);
        Assert.Equal(100, summary.WindowCount);
        Assert.Equal((50.0, 95.0, 99.0), (summary.P50, summary.P95, summary.P99));
    }

    [Fact]
    public void Percentile_OfNothingIsZero_OfOneIsIt()
    {
        Assert.Equal(0, LatencyWindow.Percentile([], 0.5));
        Assert.Equal(7, LatencyWindow.Percentile([7], 0.99));
    }
}
