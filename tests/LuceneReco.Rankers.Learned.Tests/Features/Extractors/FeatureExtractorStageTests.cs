using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Features.Extractors;

/// <summary>The contract's <see cref="FeatureExtractorStage"/>: how a plugin adds extractors of its own.</summary>
public sealed class FeatureExtractorStageTests
{
    private sealed class Constant(string name, double value) : IFeatureExtractor
    {
        public string Name => name;

        public void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates)
        {
            foreach (var c in candidates) c.Features[name] = value;
        }
    }

    private sealed class Doubling(string from) : IFeatureExtractor
    {
        public string Name => "double";

        public void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates)
        {
            foreach (var c in candidates)
                if (c.Features.TryGetValue(from, out double v)) c.Features["double"] = 2 * v;
        }
    }

    [Fact]
    public async Task RerankAsync_PluginExtractors_RunInOrder_LaterReadsEarlier()
    {
        var stage = new FeatureExtractorStage([new Constant("mine", 3), new Doubling("mine")], new CatalogServices(DateTimeOffset.UnixEpoch));
        List<Candidate> list = [new Candidate("a", 5), new Candidate("b", 1)];
        await stage.RerankAsync(new RankingRequest(null, null, [], 2, new Dictionary<string, string>()), list, CancellationToken.None);
        Assert.Equal(["a", "b"], list.Select(c => c.ItemId));
        Assert.All(list, c => Assert.Equal(6, c.Features["double"]));
        Assert.Equal(5, list[0].Score);
    }

    [Fact]
    public async Task RerankAsync_Cancelled_Throws()
    {
        var stage = new FeatureExtractorStage([new Constant("mine", 3)], new CatalogServices(DateTimeOffset.UnixEpoch));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAsync<OperationCanceledException>(async () =>
            await stage.RerankAsync(new RankingRequest(null, null, [], 2, new Dictionary<string, string>()), [new Candidate("a", 1)], cancelled.Token));
    }
}
