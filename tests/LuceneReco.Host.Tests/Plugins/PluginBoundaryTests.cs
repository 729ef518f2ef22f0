using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using LuceneReco.Host.Offline;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Host.Tests.Offline;

namespace LuceneReco.Host.Tests.Plugins;

/// <summary>
/// The plugin boundary: the host assembly references no ranker, and a plugin (tests/TestPlugins/PopularSource, loaded like any
/// plugin) is trained by <c>lucenereco train</c> through the contract, supplies candidates that reach results and honour the
/// request's filters, and reranks them.
/// </summary>
public sealed class PluginBoundaryTests : IDisposable
{
    private readonly RecoData _data = new();
    private readonly string _plugins;
    private readonly string _root;

    public PluginBoundaryTests()
    {
        _plugins = _data.Files.PathOf("plugins");
        _root = _data.Files.PathOf("data");
        TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.Popular), _plugins, "popular");
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public void HostAssembly_ReferencesTheIndexAndTheContract_AndNoRanker()
    {
        string host = typeof(LuceneReco.Host.Cli.CliApp).Assembly.Location;
        using var pe = new PEReader(File.OpenRead(host));
        var metadata = pe.GetMetadataReader();
        var names = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();

        Assert.Contains("LuceneReco.Index", names);
        Assert.Contains("LuceneReco.Plugins.Abstractions", names);
        var plugins = Directory.GetFiles(Path.Combine(Path.GetDirectoryName(host)!, "plugins"), "*.dll", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.Contains("LuceneReco.Rankers.Collaborative", plugins); // the built-in plugin ships beside the CLI ...
        Assert.DoesNotContain(names, n => n.StartsWith("LuceneReco.Rankers.", StringComparison.Ordinal)); // ... and is never referenced
        Assert.DoesNotContain(names, n => n != "LuceneReco.Plugins.Abstractions" && plugins.Contains(n));
    }

    [Fact]
    public void Train_TrainsAPluginThroughTheContract_IntoItsDataFolder_AsVersions()
    {
        var first = CliRun.Of("train", "--interactions", _data.InteractionsFile, "--plugins", _plugins, "--data", _root).AssertOk();
        Assert.Contains("popular: 30 items -> v1", first);
        Assert.Contains("trained popular: 400 events in ", first);
        CliRun.Of("train", "--interactions", _data.InteractionsFile, "--plugins", _plugins, "--data", _root, "--set", "min-users=2").AssertOk();
        Assert.True(File.Exists(Path.Combine(_root, "popular", "popular-v1.txt")));
        Assert.True(File.Exists(Path.Combine(_root, "popular", "popular-v2.txt")));

        var bad = CliRun.Of("train", "--interactions", _data.InteractionsFile, "--plugins", _plugins, "--data", _root, "--set", "min-users=many")
            .AssertOneLineFailure(2);
        Assert.Contains("plugin 'popular' refused its training settings: min-users must be an integer, got 'many'", bad);
        var unknown = CliRun.Of("train", "--interactions", _data.InteractionsFile, "--plugins", _plugins, "--data", _root, "--factors", "8")
            .AssertOneLineFailure(2);
        Assert.Contains("training setting 'factors' is understood by none of the plugins being trained (popular;", unknown);
    }

    [Fact]
    public void PluginCandidates_ReachResults_WithTheirExplanation_AndThePluginsStageRuns()
    {
        CliRun.Of("train", "--interactions", _data.InteractionsFile, "--plugins", _plugins, "--data", _root).AssertOk();
        var config = _data.Files.Write("p.json", """
            {"defaultPipeline": "p", "pipelines": {"p": {"recall": [{"source": "popular", "size": 5}], "stages": [{"ranker": "popular", "name": "popular-rerank", "budgetMs": 10000}]}}}
            """);
        var output = CliRun.Of("recommend", "--index", _data.Index, "--plugins", _plugins, "--data", _root, "--config", config,
            "--user", "nobody", "--k", "5", "--json", "--explain").AssertOk();

        using var json = JsonDocument.Parse(output);
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        var expected = File.ReadLines(Path.Combine(_root, "popular", "popular-v1.txt")).Take(5).Select(l => l.Split('\t')[0]).ToList();
        Assert.Equal(expected, items.Select(i => i.GetProperty("id").GetString()));
        Assert.All(items, i => Assert.Contains("popular with everyone", i.GetRawText()));
        Assert.All(items, i => Assert.Contains("popular-rerank", i.GetRawText())); // the stage ran on every item
    }

    [Fact]
    public async Task PluginSource_HonoursTheFilter_AndFillsItsSizeFromItemsThatPass()
    {
        var events = LuceneReco.Host.Interactions.InteractionFiles.ReadAll(_data.InteractionsFile, DateTimeOffset.UnixEpoch);
        var pipeline = new PipelineDefinition { Recall = [new RecallStep { Source = "popular", Size = 6 }] };
        using var offline = OfflinePipeline.Open(_data.Index, "p", pipeline, events, new TrainingSettings(), dataRoot: null, _plugins,
            TimeProvider.System, progress: null);
        Assert.Equal("popular", Assert.Single(offline.Training).Plugin);

        var all = await offline.Runner.RunAsync(new PipelineRequest { Kind = RequestKind.Recommend, K = 30, UserId = "nobody" });
        var cooking = await offline.Runner.RunAsync(new PipelineRequest { Kind = RequestKind.Recommend, K = 30, UserId = "nobody", Filters = ["category=cooking"] });

        Assert.Equal(6, cooking.Items.Count);
        Assert.All(cooking.Items, c => Assert.StartsWith("c", c.ItemId));
        Assert.Contains(all.Items, c => c.ItemId.StartsWith('s')); // unfiltered, the space items are among the most popular
        Assert.Equal(new Version(1, 0, 0, 0), cooking.Plugins["popular"]);
    }
}
