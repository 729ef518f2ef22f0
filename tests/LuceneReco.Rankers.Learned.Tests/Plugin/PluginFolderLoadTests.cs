using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Testing;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Plugin;

/// <summary>
/// The plugin's build folder loads the way the host loads plugins (<see cref="IsolatedPlugin"/>): the "learned" ranker scores
/// with an XGBoost model, and the context unloads afterwards (nothing process-wide keeps a plugin type).
/// </summary>
public sealed class PluginFolderLoadTests
{
    [Fact]
    public void BuildFolder_LoadsInACollectibleContext_RanksAndUnloads()
    {
        using var dir = new TempDir();
        File.Copy(Fixture.Load("binary").ModelPath, dir.Sub("model.json"));
        bool unloaded = IsolatedPlugin.UseAndUnload("LuceneReco.Rankers.Learned", plugins =>
        {
            Assert.Equal(["features", "learned"], plugins.Keys.Order(StringComparer.Ordinal));
            IRankerPlugin plugin = plugins["learned"];
            Assert.NotSame(typeof(LuceneReco.Rankers.Learned.Ranking.LearnedRanker).Assembly, plugin.GetType().Assembly);
            using JsonDocument options = JsonDocument.Parse("""{"model": "model.json", "format": "xgboost-json"}""");
            IRankerStage stage = plugin.CreateStage(options.RootElement.Clone(), new FakeServices(dir.Path));
            var low = new Candidate("low", 0);
            var high = new Candidate("high", 0);
            high.Features["f0"] = 5; // the planted signal: the first feature raises relevance
            low.Features["f0"] = 0;
            List<Candidate> candidates = [low, high];
            stage.RerankAsync(new RankingRequest(null, null, [], 2, new Dictionary<string, string>()), candidates, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            Assert.Equal("high", candidates[0].ItemId);
            Assert.NotEmpty(candidates[0].Explanations);
        });
        Assert.True(unloaded, "the plugin's load context unloads");
    }
}
