using LuceneReco.Host.Bench;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Offline;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Bench;

public sealed class RecommendBenchTests
{
    [Fact]
    public void Scale_MultipliesEverySize_RoundsUp_AndStaysWithinTheLimits()
    {
        var pipeline = RecoPipelines.BuiltIn.Find(null)!; // als 300, itemknn 300, profile 200, semantic-profile 200

        Assert.Equal([450, 450, 300, 300], RecommendBench.Scale(pipeline, 1.5).Recall.Select(r => r.Size));
        Assert.Equal([1, 1, 1, 1], RecommendBench.Scale(pipeline, 1e-9).Recall.Select(r => r.Size));
        Assert.Equal([RecallStep.MaxSize, RecallStep.MaxSize, RecallStep.MaxSize, RecallStep.MaxSize], RecommendBench.Scale(pipeline, 1000).Recall.Select(r => r.Size));
        Assert.Equal([301, 301, 201, 201], RecommendBench.Scale(pipeline, 1.001).Recall.Select(r => r.Size));
        var scaled = RecommendBench.Scale(pipeline, 2);
        Assert.Equal(pipeline.Recall.Select(r => (r.Source, r.Weight)), scaled.Recall.Select(r => (r.Source, r.Weight)));
        Assert.Equal(pipeline.Stages, scaled.Stages);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Scale_FactorNotPositive_Throws(double factor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RecommendBench.Scale(RecoPipelines.BuiltIn.Find(null)!, factor));

    [Fact]
    public void SampleUsers_IsSeeded_Distinct_AndNeverMoreThanThereAre()
    {
        var events = new List<Interaction>();
        for (int e = 0; e < 300; e++) events.Add(new Interaction($"u{e % 50}", $"i{e}", "event", 1, DateTimeOffset.UnixEpoch));

        var (first, users) = RecommendBench.SampleUsers(events, 20, seed: 3);
        Assert.Equal(50, users);
        Assert.Equal(20, first.Distinct().Count());
        Assert.Equal(first, RecommendBench.SampleUsers(events, 20, seed: 3).Sample);
        Assert.NotEqual(first, RecommendBench.SampleUsers(events, 20, seed: 4).Sample);
        Assert.Equal(50, RecommendBench.SampleUsers(events, 1000, seed: 3).Sample.Distinct().Count());
    }

    [Fact]
    public void LatencyStats_OneToHundred_AreTheNearestRanks()
    {
        var times = Enumerable.Range(1, 100).Select(i => (double)(101 - i)).ToList(); // any order

        var stats = LatencyStats.Of(times);

        Assert.Equal(new LatencyStats(100, 50, 90, 99, 100, 50.5), stats);
        Assert.Equal(new LatencyStats(1, 7, 7, 7, 7, 7), LatencyStats.Of([7.0]));
        Assert.Throws<ArgumentException>(() => LatencyStats.Of([]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(100.5)]
    public void NearestRank_PercentOutsideZeroToHundred_Throws(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.NearestRank([1.0, 2.0], p));
}
