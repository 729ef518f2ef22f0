using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Testing;
using LuceneReco.Rankers.Fairness.Tests.Support;

namespace LuceneReco.Rankers.Fairness.Tests.Plugin;

/// <summary>The plugin's build folder loads the way the host loads plugins (<see cref="IsolatedPlugin"/>), its three stages rerank, and it unloads.</summary>
public sealed class PluginFolderLoadTests
{
    [Fact]
    public void BuildFolder_LoadsInACollectibleContext_RanksAndUnloads()
    {
        using var dir = new TempDir();
        bool unloaded = IsolatedPlugin.UseAndUnload("LuceneReco.Rankers.Fairness", plugins =>
        {
            Assert.Equal(["calibration", "exposure", "fair"], plugins.Keys.Order());
            var services = new FakeServices(dir.Path);
            for (int i = 0; i < 6; i++) services.Catalog.Add("c" + i, "T" + i, ("provider", i == 5 ? "indie" : "big"), ("category", i == 5 ? "Comedy" : "Drama"));
            services.Events.Add("u", "c5");
            var options = new Dictionary<string, string>
            {
                ["fair"] = """{ "protectedValues": "indie", "p": 0.9, "alpha": 0.3, "adjust": false }""",
                ["exposure"] = "{}",
                ["calibration"] = """{ "lambda": 0.9 }""",
            };
            foreach (var (name, json) in options)
            {
                using JsonDocument doc = JsonDocument.Parse(json);
                IRankerStage stage = plugins[name].CreateStage(doc.RootElement.Clone(), services);
                List<Candidate> list = Requests.Candidates(6);
                Requests.Run(stage, Requests.For(3, user: "u"), list);
                Assert.Equal(6, list.Count);
                if (name != "exposure") Assert.True(list.FindIndex(c => c.ItemId == "c5") < 3, $"{name} moved the item up");
                (stage as IDisposable)?.Dispose();
            }
        });
        Assert.True(unloaded, "the plugin's load context unloads");
    }
}
