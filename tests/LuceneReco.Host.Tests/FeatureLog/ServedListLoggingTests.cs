using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Pipelines;

namespace LuceneReco.Host.Tests.FeatureLog;

/// <summary>The runner's hook: a pipeline with a "featureLog" logs each list as served; offline runs and other pipelines do not.</summary>
public sealed class ServedListLoggingTests(SampleIndexFixture index) : IClassFixture<SampleIndexFixture>, IDisposable
{
    private readonly TestFiles _files = new();
    private readonly List<string> _log = [];
    private ServingHost? _host;

    public void Dispose()
    {
        _host?.Dispose();
        _files.Dispose();
    }

    private PipelineRunner Runner(FeatureLogSettings settings)
    {
        var config = ServingConfig.BuiltIn with
        {
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["default"] = ServingConfig.BuiltIn.Pipelines["default"] with { FeatureLog = settings },
                ["plain"] = ServingConfig.BuiltIn.Pipelines["default"],
            },
        };
        _host = new ServingHost(new FixedIndexView(index.Reader), new InMemoryInteractionStore(), new FakeCatalog(), ServingConfigSource.Fixed(config),
            TimeProvider.System, _files.PathOf("data"), line => { lock (_log) _log.Add(line); });
        return _host.Runner;
    }

    private static PipelineRequest Search(string text, int k = 5) => new() { Kind = RequestKind.Search, QueryText = text, K = k, UserId = "u1" };

    [Fact]
    public async Task RunAsync_PipelineWithFeatureLog_LogsTheListAsServed()
    {
        var settings = new FeatureLogSettings { Path = _files.PathOf("served.db") };
        var runner = Runner(settings);
        var result = await runner.RunAsync(Search("orbit station"));
        await runner.RunAsync(Search("orbit station") with { Pipeline = "plain" });
        await runner.RunAsync(Search("orbit station") with { Offline = true });

        var logged = Assert.Single(SqliteFeatureLog.OpenFile(settings.Path).ReadAll());
        Assert.Equal(result.RequestId, logged.RequestId);
        Assert.Equal("u1", logged.UserId);
        Assert.Equal(0, logged.RandomisedTop);
        Assert.Equal(result.Items.Select(c => c.ItemId), logged.Items.Select(i => i.ItemId));
        Assert.Equal(result.Items[0].Features["search.rank"], logged.Items[0].Features["search.rank"]);
    }

    [Fact]
    public async Task RunAsync_ExploreAlways_ShufflesTheTopAndMarksTheList()
    {
        var plain = await Runner(new FeatureLogSettings { Path = _files.PathOf("a.db") }).RunAsync(Search("orbit station", k: 8));
        _host!.Dispose();
        var settings = new FeatureLogSettings { Path = _files.PathOf("b.db"), Explore = 1, ExploreTop = 4 };
        var runner = Runner(settings);
        bool moved = false;
        for (int i = 0; i < 10; i++)
        {
            var served = await runner.RunAsync(Search("orbit station", k: 8));
            var ids = served.Items.Select(c => c.ItemId).ToArray();
            Assert.Equal(plain.Items.Take(4).Select(c => c.ItemId).Order(), ids.Take(4).Order()); // the same first four, in some order
            Assert.Equal(plain.Items.Skip(4).Select(c => c.ItemId), ids.Skip(4));                 // the rest as ranked
            moved |= !ids.Take(4).SequenceEqual(plain.Items.Take(4).Select(c => c.ItemId));
        }
        Assert.True(moved, "ten shuffles of four places all kept the ranked order");
        Assert.All(SqliteFeatureLog.OpenFile(settings.Path).ReadAll(), l => Assert.Equal(4, l.RandomisedTop));
    }

    [Fact]
    public void Parse_FeatureLogSettings_AreReadAndChecked()
    {
        var (config, errors) = ServingConfigParser.Parse("""
            {"defaultPipeline": "p", "recommendPipeline": "p", "pipelines": {"p": {"recall": [{"source": "search"}], "featureLog": {"path": "x.db", "maxLists": 10, "explore": 0.1, "exploreTop": 5}}}}
            """);
        Assert.Empty(errors);
        Assert.Equal(new FeatureLogSettings { Path = "x.db", MaxLists = 10, Explore = 0.1, ExploreTop = 5 }, config!.Pipelines["p"].FeatureLog);

        var (_, bad) = ServingConfigParser.Parse("""
            {"defaultPipeline": "p", "recommendPipeline": "p", "pipelines": {"p": {"recall": [{"source": "search"}], "featureLog": {"maxLists": 0, "explore": 2, "exploreTop": 1, "colour": 1}}}}
            """);
        Assert.Contains(bad, e => e.Contains("featureLog.path must name", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("maxLists must be", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("explore must be 0 to 1", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("exploreTop must be", StringComparison.Ordinal));
        Assert.Contains(bad, e => e.Contains("unknown setting 'colour'", StringComparison.Ordinal));
    }
}
