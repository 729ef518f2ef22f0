using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Testing;
using LuceneReco.Rankers.Diversity.Tests.Stages;
using LuceneReco.Rankers.Diversity.Tests.Support;

namespace LuceneReco.Rankers.Diversity.Tests.Plugin;

/// <summary>The plugin's build folder loads the way the host loads plugins (<see cref="IsolatedPlugin"/>), its three rankers rerank, and it unloads.</summary>
public sealed class PluginFolderLoadTests
{
    [Fact]
    public void BuildFolder_IsSelfContained_LoadsInACollectibleContext_RanksAndUnloads()
    {
        string folder = IsolatedPlugin.BuildFolder("LuceneReco.Rankers.Diversity");
        Assert.True(File.Exists(Path.Combine(folder, "System.Numerics.Tensors.dll")), "the plugin folder carries its own dependencies");
        bool unloaded = IsolatedPlugin.UseAndUnload("LuceneReco.Rankers.Diversity", plugins =>
        {
            Assert.Equal(["diversity-caps", "dpp", "mmr"], plugins.Keys.Order());
            Assert.NotSame(typeof(MmrRanker).Assembly, plugins["mmr"].GetType().Assembly);
            var services = new FakeServices(StageFixture.Films());
            foreach ((string name, string json) in new[] { ("mmr", """{ "lambda": 0.3 }"""), ("dpp", """{ "theta": 0.1 }"""), ("diversity-caps", """{ "caps": "provider:1/3" }""") })
            {
                using JsonDocument options = JsonDocument.Parse(json);
                IRankerStage stage = plugins[name].CreateStage(options.RootElement.Clone(), services);
                Assert.IsAssignableFrom<IRequestValidatingStage>(stage);
                List<Candidate> candidates = StageFixture.Candidates();
                stage.RerankAsync(StageFixture.Request(), candidates, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                Assert.Equal("m1", candidates[0].ItemId);
                Assert.NotEqual("m2", candidates[1].ItemId); // the second Fox sci-fi film no longer follows the first
            }
        });
        Assert.True(unloaded, "the plugin's load context unloads");
    }
}
