using System.Text.Json;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Plugins;
using Microsoft.Extensions.Time.Testing;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>A plugin whose stages remember the step the host named and count their disposals.</summary>
internal sealed class StepAwarePlugin(string name = "stepaware") : IRankerPlugin
{
    public string Name => name;

    public Version Version => new(1, 0);

    public string Description => "test ranker that records its step";

    public List<Stage> Made { get; } = [];

    public IRankerStage CreateStage(JsonElement? options, IRankerServices services)
    {
        var stage = new Stage(services.PipelineName, services.StepName);
        lock (Made) Made.Add(stage);
        return stage;
    }

    internal sealed class Stage(string? pipeline, string? step) : IRankerStage, IDisposable
    {
        public string? Pipeline => pipeline;

        public string? Step => step;

        public int Disposed;

        public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
        {
            ObjectDisposedException.ThrowIf(Disposed > 0, this);
            foreach (var c in candidates) c.Features[step + ".seen"] = 1;
            return ValueTask.CompletedTask;
        }

        public void Dispose() => Interlocked.Increment(ref Disposed);
    }
}

public sealed class StageLifetimeTests(SampleIndexFixture index) : IClassFixture<SampleIndexFixture>, IDisposable
{
    private readonly TestFiles _files = new();
    private readonly List<string> _log = [];

    public void Dispose() => _files.Dispose();

    private static RankerHandle Handle(long generation) => new("x", new Version(1, 0), new StepAwarePlugin(), generation, "/tmp/none");

    private static StepAwarePlugin.Stage NewStage() => new("p", "s");

    [Fact]
    public void GetOrCreate_NewGeneration_DisposesTheOldStageOnlyAfterItsBudget()
    {
        var clock = new FakeTimeProvider();
        var cache = new StageCache<IRankerStage>(clock);
        var old = NewStage();
        cache.GetOrCreate("p", 0, 1, Handle(1), () => old, TimeSpan.FromSeconds(2));
        var fresh = NewStage();
        Assert.Same(fresh, cache.GetOrCreate("p", 0, 1, Handle(2), () => fresh, TimeSpan.FromSeconds(2)));
        Assert.Equal(0, old.Disposed); // a request that got it just before may still run it
        Assert.Equal(1, cache.Retiring);
        clock.Advance(TimeSpan.FromSeconds(1.9));
        Assert.Equal(0, old.Disposed);
        clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(1, old.Disposed);
        Assert.Equal(0, fresh.Disposed);
        Assert.Equal(0, cache.Retiring);
    }

    [Fact]
    public void GetOrCreate_NewConfiguration_DisposesEveryStageOfTheOldOne()
    {
        var clock = new FakeTimeProvider();
        var cache = new StageCache<IRankerStage>(clock);
        var a = NewStage();
        var b = NewStage();
        cache.GetOrCreate("p", 0, 1, Handle(1), () => a, TimeSpan.FromSeconds(1));
        cache.GetOrCreate("q", 0, 1, Handle(1), () => b, TimeSpan.FromSeconds(1));
        cache.GetOrCreate("p", 0, 2, Handle(1), NewStage, TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((1, 1), (a.Disposed, b.Disposed));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void SameGenerationAndConfiguration_KeepsTheStage_DisposesNothing()
    {
        var clock = new FakeTimeProvider();
        var cache = new StageCache<IRankerStage>(clock);
        var a = NewStage();
        cache.GetOrCreate("p", 0, 1, Handle(1), () => a, TimeSpan.FromSeconds(1));
        Assert.Same(a, cache.GetOrCreate("p", 0, 1, Handle(1), NewStage, TimeSpan.FromSeconds(1)));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, a.Disposed);
    }

    [Fact]
    public void Remove_And_DisposeAll_DisposeCachedAndWaitingStages_AThrowingOneIsLogged()
    {
        var clock = new FakeTimeProvider();
        var log = new List<string>();
        var cache = new StageCache<IRankerStage>(clock, log.Add);
        var removed = NewStage();
        var throwing = new ThrowingDisposeStage();
        var kept = NewStage();
        cache.GetOrCreate("p", 0, 1, Handle(1), () => removed, TimeSpan.FromSeconds(30));
        cache.GetOrCreate("p", 1, 1, Handle(1), () => throwing, TimeSpan.FromSeconds(30));
        cache.GetOrCreate("p", 2, 1, Handle(1), () => kept, TimeSpan.FromSeconds(30));
        cache.Remove("p", 0);
        Assert.Equal(0, removed.Disposed);
        cache.DisposeAll(); // the host stops: nothing waits for budgets any more
        Assert.Equal((1, 1), (removed.Disposed, kept.Disposed));
        Assert.True(throwing.Tried);
        Assert.Contains(log, l => l.Contains("ThrowingDisposeStage", StringComparison.Ordinal) && l.Contains("disk full", StringComparison.Ordinal));
        Assert.Equal((0, 0), (cache.Count, cache.Retiring));
    }

    private sealed class ThrowingDisposeStage : IRankerStage, IDisposable
    {
        public bool Tried;

        public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation) => ValueTask.CompletedTask;

        public void Dispose()
        {
            Tried = true;
            throw new IOException("disk full");
        }
    }

    private static ServingConfig TwoSteps() => ServingConfig.BuiltIn with
    {
        Pipelines = new Dictionary<string, PipelineDefinition>
        {
            ["default"] = ServingConfig.BuiltIn.Pipelines["default"] with
            {
                Stages = [new StageStep { Ranker = "stepaware", Name = "first", BudgetMs = 1000 }, new StageStep { Ranker = "stepaware", BudgetMs = 1000 }],
            },
        },
    };

    [Fact]
    public async Task Runner_TwoStepsOfOneRanker_EachStageIsToldItsPipelineAndStep_AllDisposedWhenTheHostStops()
    {
        var plugin = new StepAwarePlugin();
        var catalog = new FakeCatalog().Add(plugin);
        var host = new ServingHost(new FixedIndexView(index.Reader), new InMemoryInteractionStore(), catalog, ServingConfigSource.Fixed(TwoSteps()),
            TimeProvider.System, _files.PathOf("data"), line => { lock (_log) _log.Add(line); });
        var result = await host.Runner.RunAsync(new PipelineRequest { Kind = RequestKind.Search, QueryText = "orbit", K = 3 });
        Assert.Empty(result.SkippedStages);
        Assert.Equal([("default", "first"), ("default", "stepaware")], plugin.Made.Select(s => (s.Pipeline, s.Step)).Order().ToArray());
        Assert.All(result.Items, c => Assert.True(c.Features.ContainsKey("first.seen") && c.Features.ContainsKey("stepaware.seen")));

        host.Dispose();
        Assert.All(plugin.Made, s => Assert.Equal(1, s.Disposed));
    }

    [Fact]
    public async Task Runner_PluginReloaded_TheReplacedStageIsDisposedAfterItsBudget()
    {
        var plugin = new StepAwarePlugin();
        var catalog = new FakeCatalog().Add(plugin, generation: 1);
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var config = ServingConfig.BuiltIn with
        {
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["default"] = ServingConfig.BuiltIn.Pipelines["default"] with { Stages = [new StageStep { Ranker = "stepaware", BudgetMs = 60_000 }] },
            },
        };
        using var host = new ServingHost(new FixedIndexView(index.Reader), new InMemoryInteractionStore(), catalog, ServingConfigSource.Fixed(config),
            clock, _files.PathOf("data"), line => { lock (_log) _log.Add(line); });
        var request = new PipelineRequest { Kind = RequestKind.Search, QueryText = "orbit", K = 3 };
        await host.Runner.RunAsync(request);
        catalog.Add(plugin, generation: 2); // a hot reload
        await host.Runner.RunAsync(request);
        Assert.Equal(2, plugin.Made.Count);
        Assert.Equal(0, plugin.Made[0].Disposed);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, plugin.Made[0].Disposed);
        Assert.Equal(0, plugin.Made[1].Disposed);
    }
}
