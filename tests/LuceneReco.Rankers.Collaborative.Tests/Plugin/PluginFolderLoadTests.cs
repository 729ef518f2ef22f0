using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Testing;
using LuceneReco.Rankers.Collaborative.Tests.Ranking;

namespace LuceneReco.Rankers.Collaborative.Tests.Plugin;

/// <summary>
/// The plugin's own build folder loads the way the host loads plugins (<see cref="IsolatedPlugin"/>): its rankers read a model
/// trained outside the context, rank, and the context unloads.
/// </summary>
public sealed class PluginFolderLoadTests
{
    [Fact]
    public void BuildFolder_IsSelfContained_LoadsInACollectibleContext_AndRanks()
    {
        string folder = IsolatedPlugin.BuildFolder("LuceneReco.Rankers.Collaborative");
        Assert.True(File.Exists(Path.Combine(folder, "System.IO.Hashing.dll")), "the plugin folder carries its own dependencies");
        Assert.True(File.Exists(Path.Combine(folder, "System.Numerics.Tensors.dll")), "the plugin folder carries its own dependencies");

        using var f = new RankerFixture();
        f.Train(); // with the copy of the plugin assembly referenced by the tests; the loaded copy must read its files
        bool unloaded = IsolatedPlugin.UseAndUnload("LuceneReco.Rankers.Collaborative", plugins =>
        {
            Assert.Equal(["als", "coldcontent", "ease", "itemknn", "popular", "userknn"], plugins.Keys.Order());
            Assert.True(plugins["popular"] is ICandidateSourcePlugin and ITrainablePlugin, "popular supplies candidates and is trained");
            foreach (IRankerPlugin plugin in new[] { plugins["als"], plugins["itemknn"] })
            {
                Assert.NotSame(typeof(LuceneReco.Rankers.Collaborative.Ranking.ItemKnnRanker).Assembly, plugin.GetType().Assembly);
                using JsonDocument options = JsonDocument.Parse("""{ "weight": 1 }""");
                IRankerStage stage = plugin.CreateStage(options.RootElement.Clone(), f.Services);
                List<Candidate> candidates = RankerFixture.Candidates();
                stage.RerankAsync(RankerFixture.Request("alice"), candidates, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                Assert.Equal("m3", candidates[0].ItemId);
                Assert.True(candidates[0].StageScores.ContainsKey(plugin.Name), $"{plugin.Name} scored the candidates");
            }
        });
        // Fails when anything process-wide keeps a plugin type: System.Text.Json's serializer caches did, through the
        // contract's RankerPlugin<TOptions> binding and model metadata, so both are read without it.
        Assert.True(unloaded, "the plugin's load context unloads");
    }
}
