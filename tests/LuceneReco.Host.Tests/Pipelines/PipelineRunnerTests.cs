using LuceneReco.Host.Interactions;
using System.Diagnostics;
using System.Text.Json;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Index;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>The sample catalogue's index, built once for the runner tests (they only read it).</summary>
public sealed class SampleIndexFixture : IDisposable
{
    private readonly TestFiles _files = new();

    public SampleIndexFixture()
    {
        Directory = _files.PathOf("index");
        SampleIndex.Build(Directory);
        Reader = IndexReader.Open(Directory);
    }

    public string Directory { get; }

    internal IndexReader Reader { get; }

    public void Dispose() => _files.Dispose();
}

/// <summary>The runner with in-test rankers: stages rescore, reorder, throw or hang, and the response says what was skipped.</summary>
public sealed class PipelineRunnerTests(SampleIndexFixture index) : IClassFixture<SampleIndexFixture>, IDisposable
{
    private readonly FakeCatalog _catalog = new();
    private readonly InMemoryInteractionStore _store = new();
    private readonly TestFiles _files = new();
    private readonly List<string> _log = new();
    private ServingHost? _host;

    public void Dispose()
    {
        _host?.Dispose();
        _files.Dispose();
    }

    private static ServingConfig WithStages(params StageStep[] stages) => ServingConfig.BuiltIn with
    {
        Pipelines = new Dictionary<string, PipelineDefinition>
        {
            ["default"] = ServingConfig.BuiltIn.Pipelines["default"] with { Stages = stages },
            ["plain"] = ServingConfig.BuiltIn.Pipelines["default"],
        },
    };

    private PipelineRunner Runner(ServingConfig? config = null)
    {
        _host?.Dispose();
        _host = new ServingHost(new FixedIndexView(index.Reader), _store, _catalog, ServingConfigSource.Fixed(config ?? ServingConfig.BuiltIn),
            TimeProvider.System, _files.PathOf("data"), line => { lock (_log) _log.Add(line); });
        return _host.Runner;
    }

    private static PipelineRequest Search(string text, int k = 10) => new() { Kind = RequestKind.Search, QueryText = text, K = k, Explain = true };

    private static string[] Ids(PipelineResult result) => result.Items.Select(c => c.ItemId).ToArray();

    [Fact]
    public async Task Exclude_LeavesItemsOutOfEverySource_AndTheNextOnesMoveUp()
    {
        var runner = Runner();
        var plain = Ids(await runner.RunAsync(Search("orbit station", k: 5)));
        var result = Ids(await runner.RunAsync(Search("orbit station", k: 3) with { Exclude = [plain[0], plain[2], "no-such-item"] }));

        Assert.Equal([plain[1], plain[3], plain[4]], result);
    }

    [Fact]
    public async Task NoStages_ReturnsTheFusedTopK_WithSourceScoresAndFusionScore()
    {
        var result = await Runner().RunAsync(Search("orbit station", k: 3));

        Assert.Equal(["f059", "b001", "f001"], Ids(result));
        Assert.Equal("default", result.Pipeline);
        Assert.Empty(result.SkippedStages);
        var top = result.Items[0];
        Assert.Equal(FusionMath.Rrf(1, 60, 1), top.Score, 12);
        Assert.Equal(top.Score, top.StageScores["fusion"]);
        Assert.True(top.StageScores["search"] > 0);
        Assert.Equal(1, top.Features["search.rank"]);
    }

    [Fact]
    public async Task Search_ExplainsMatchedTerms()
    {
        var result = await Runner().RunAsync(Search("orbit station", k: 3));
        // the item's own words ("Orbit" as the title writes it), each word once, the title first
        Assert.Equal("search: matches \"Orbit\" in the title; \"station\" in the body", Assert.Single(result.Items[0].Explanations));
        Assert.Equal("search: matches \"Station\" in the title", Assert.Single(result.Items[2].Explanations));
        var reason = Assert.Single(result.Items[0].Reasons);
        Assert.Equal(("search", "match"), (reason.Source, reason.Kind));
        Assert.Equal(["Orbit", "station"], reason.Terms);
        Assert.StartsWith("search: score ", Assert.Single(result.Items[0].DebugLines));
    }

    [Fact]
    public async Task RescoringStage_IsApplied_AndRecordsItsScore()
    {
        _catalog.Add(FakePlugin.Rescore());
        var runner = Runner(WithStages(new StageStep { Ranker = "rescore", BudgetMs = 1000 }));
        var plain = await runner.RunAsync(Search("orbit station", k: 3) with { Pipeline = "plain" });
        var result = await runner.RunAsync(Search("orbit station", k: 3));

        Assert.Empty(result.SkippedStages);
        Assert.Equal(Ids(plain), Ids(result));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(plain.Items[i].Score * 100, result.Items[i].Score, 9);
            Assert.Equal(result.Items[i].Score, result.Items[i].StageScores["rescore"]);
            Assert.Equal(100, result.Items[i].Features["rescore.factor"]);
        }
        var timing = Assert.Single(result.Stages);
        Assert.Equal(("rescore", "ok"), (timing.Stage, timing.Outcome));
    }

    [Fact]
    public async Task ReorderingStage_DecidesTheFinalOrder_AfterTopKOfAllCandidates()
    {
        _catalog.Add(FakePlugin.Reverse());
        var runner = Runner(WithStages(new StageStep { Ranker = "reverse", BudgetMs = 1000 }));
        var all = await runner.RunAsync(Search("orbit station", k: 1000) with { Pipeline = "plain" });
        var result = await runner.RunAsync(Search("orbit station", k: 2));

        Assert.Equal([Ids(all)[^1], Ids(all)[^2]], Ids(result));
        Assert.Contains("reverse: turned around", result.Items[0].Explanations);
    }

    [Fact]
    public async Task ThrowingStage_IsSkipped_Reported_AndLeavesTheCandidatesAsTheyWere()
    {
        _catalog.Add(FakePlugin.Throws()).Add(FakePlugin.Rescore());
        var runner = Runner(WithStages(
            new StageStep { Ranker = "throws", BudgetMs = 1000 },
            new StageStep { Ranker = "rescore", BudgetMs = 1000 }));
        var plain = await runner.RunAsync(Search("orbit station", k: 3) with { Pipeline = "plain" });
        var result = await runner.RunAsync(Search("orbit station", k: 3));

        var skipped = Assert.Single(result.SkippedStages);
        Assert.Equal("throws", skipped.Stage);
        Assert.Equal("threw InvalidOperationException: model file is missing", skipped.Reason);
        Assert.Equal(Ids(plain), Ids(result)); // the cleared copy was not applied; the next stage still ran
        Assert.Equal(plain.Items[0].Score * 100, result.Items[0].Score, 9);
        Assert.False(result.Items[0].StageScores.ContainsKey("throws"));
        Assert.Equal(("throws", skipped.Reason), Assert.Single(_catalog.Faults));
    }

    [Fact]
    public async Task StageThatIgnoresItsToken_IsAbandonedAtItsBudget()
    {
        _catalog.Add(FakePlugin.Hangs(TimeSpan.FromSeconds(3)));
        var runner = Runner(WithStages(new StageStep { Ranker = "hangs", BudgetMs = 100 }));
        var plain = await runner.RunAsync(Search("orbit station", k: 3) with { Pipeline = "plain" });

        var clock = Stopwatch.StartNew();
        var result = await runner.RunAsync(Search("orbit station", k: 3));
        clock.Stop();

        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms with a 100 ms budget");
        var skipped = Assert.Single(result.SkippedStages);
        Assert.Equal("hangs", skipped.Stage);
        Assert.Contains("overran its budget of 100 ms", skipped.Reason);
        Assert.Equal(Ids(plain), Ids(result)); // its late reversal is never applied
        Assert.Equal("overran", Assert.Single(result.Stages).Outcome);
        Assert.Single(_catalog.Faults);
    }

    [Fact]
    public async Task StageHonouringItsToken_IsCancelledAtItsBudget()
    {
        _catalog.Add(new FakePlugin("polite", async (_, _, token) => await Task.Delay(TimeSpan.FromSeconds(5), token)));
        var runner = Runner(WithStages(new StageStep { Ranker = "polite", BudgetMs = 50 }));
        var clock = Stopwatch.StartNew();
        var result = await runner.RunAsync(Search("orbit"));
        Assert.True(clock.ElapsedMilliseconds < 1000, $"took {clock.ElapsedMilliseconds} ms");
        Assert.StartsWith("overran its budget of 50 ms", Assert.Single(result.SkippedStages).Reason);
    }

    [Fact]
    public async Task StageReturningItemsItWasNotGiven_IsSkippedAsInvalid()
    {
        _catalog.Add(new FakePlugin("inventor", (_, candidates, _) =>
        {
            candidates.Add(new Candidate("made-up", 1));
            return ValueTask.CompletedTask;
        }));
        var result = await Runner(WithStages(new StageStep { Ranker = "inventor", BudgetMs = 1000 })).RunAsync(Search("orbit"));
        Assert.Equal("returned item 'made-up', which it was not given", Assert.Single(result.SkippedStages).Reason);
        Assert.DoesNotContain("made-up", Ids(result));
    }

    [Fact]
    public async Task StageAllocatingPastItsBudget_IsSkipped_AndCountedAsAFault()
    {
        _catalog.Add(Allocates("hungry", megabytes: 24));
        var runner = Runner(WithStages(new StageStep { Ranker = "hungry", BudgetMs = 30_000, AllocationBudgetMb = 8 }));
        var plain = await runner.RunAsync(Search("orbit station", k: 3) with { Pipeline = "plain" });

        var result = await runner.RunAsync(Search("orbit station", k: 3));

        var skipped = Assert.Single(result.SkippedStages);
        Assert.Matches(@"^allocated 2\d(\.\d)? MB, past its budget of 8 MB$", skipped.Reason);
        Assert.Equal("overallocated", Assert.Single(result.Stages).Outcome);
        Assert.Equal(Ids(plain), Ids(result)); // its reversal is not applied
        Assert.Equal(("hungry", skipped.Reason), Assert.Single(_catalog.Faults));
    }

    [Fact]
    public async Task StageAllocatingWithinItsBudget_IsApplied()
    {
        _catalog.Add(Allocates("hungry", megabytes: 24));
        var runner = Runner(WithStages(new StageStep { Ranker = "hungry", BudgetMs = 30_000, AllocationBudgetMb = 64 }));
        var plain = await runner.RunAsync(Search("orbit station", k: 3) with { Pipeline = "plain" });

        var result = await runner.RunAsync(Search("orbit station", k: 3));

        Assert.Empty(result.SkippedStages);
        Assert.Equal("ok", Assert.Single(result.Stages).Outcome);
        Assert.NotEqual(Ids(plain), Ids(result)); // its reversal is applied
    }

    /// <summary>A stage that allocates <paramref name="megabytes"/> MB in 1 MB arrays, then reverses the order.</summary>
    private static FakePlugin Allocates(string name, int megabytes) => new(name, (_, candidates, _) =>
    {
        var held = new List<byte[]>(megabytes);
        for (int i = 0; i < megabytes; i++) held.Add(new byte[1024 * 1024]);
        GC.KeepAlive(held);
        candidates.Reverse();
        return ValueTask.CompletedTask;
    });

    [Fact]
    public async Task MissingAndQuarantinedRankers_AreSkipped_WithTheReason()
    {
        _catalog.Add(FakePlugin.Rescore());
        _catalog.Quarantined.Add("rescore");
        var runner = Runner(WithStages(new StageStep { Ranker = "nowhere", BudgetMs = 1000 }, new StageStep { Ranker = "rescore", BudgetMs = 1000 }));
        var result = await runner.RunAsync(Search("orbit"));

        Assert.Equal(
            [("nowhere", "no ranker named 'nowhere' is loaded"), ("rescore", "ranker 'rescore' is quarantined: too many faults")],
            result.SkippedStages.Select(s => (s.Stage, s.Reason)));
        Assert.Empty(_catalog.Faults); // not request-time faults
    }

    [Fact]
    public async Task Stages_AreCachedPerGeneration_AndGetTheirOptions()
    {
        var plugin = FakePlugin.Rescore();
        _catalog.Add(plugin, generation: 1);
        using var options = JsonDocument.Parse("""{"boost":0.5}""");
        var runner = Runner(WithStages(new StageStep { Ranker = "rescore", BudgetMs = 1000, Options = options.RootElement.Clone() }));
        await runner.RunAsync(Search("orbit"));
        await runner.RunAsync(Search("orbit"));
        Assert.Equal(1, plugin.StagesCreated);
        Assert.Equal(0.5, plugin.OptionsSeen[0]!.Value.GetProperty("boost").GetDouble());

        _catalog.Add(plugin, generation: 2); // reloaded: the stage made from generation 1 is dropped
        await runner.RunAsync(Search("orbit"));
        Assert.Equal(2, plugin.StagesCreated);
    }

    [Fact]
    public async Task BadOptions_SkipTheStage_WithoutAFault()
    {
        _catalog.Add(new RejectingPlugin());
        var result = await Runner(WithStages(new StageStep { Ranker = "picky", BudgetMs = 1000 })).RunAsync(Search("orbit"));
        Assert.Equal("bad options: boost must be positive", Assert.Single(result.SkippedStages).Reason);
        Assert.Empty(_catalog.Faults);
    }

    [Fact]
    public async Task Recommend_LeavesOutItemsTheUserInteractedWith_ButSearchKeepsThem()
    {
        var now = DateTimeOffset.UnixEpoch.AddDays(20000);
        _store.Add(new Interaction("u1", "b001", "view", 1, now));
        _store.Add(new Interaction("u1", "f059", "click", 2, now.AddMinutes(1)));
        var runner = Runner();

        var recommended = await runner.RunAsync(new PipelineRequest { UserId = "u1", QueryText = "orbit station", K = 20, Explain = true });
        Assert.NotEmpty(recommended.Items);
        Assert.DoesNotContain("b001", Ids(recommended));
        Assert.DoesNotContain("f059", Ids(recommended));

        var searched = await runner.RunAsync(Search("orbit station") with { UserId = "u1" });
        Assert.Contains("b001", Ids(searched));
        Assert.Contains("f059", Ids(searched));
    }

    [Fact]
    public async Task Recommend_FromHistory_ExplainsWithTheProfileItems()
    {
        var now = DateTimeOffset.UnixEpoch.AddDays(20000);
        _store.Add(new Interaction("u2", "b001", "view", 1, now));
        _store.Add(new Interaction("u2", "f059", "view", 1, now.AddMinutes(1)));
        var result = await Runner().RunAsync(new PipelineRequest { UserId = "u2", K = 5, Explain = true });

        Assert.Equal(5, result.Items.Count);
        foreach (var item in result.Items)
        {
            Assert.True(item.StageScores["profile"] > 0);
            var line = Assert.Single(item.Explanations);
            // the profile items by title, named by the user's kind of event, and words the result shares with them
            Assert.Matches(@"^profile: because you viewed (Orbit of Silence|The Quiet Orbit)( and The Quiet Orbit)?: shares ""[^""]+""", line);
        }
    }

    [Fact]
    public async Task Recommend_WithRecentItemsGiven_UsesThemInsteadOfTheStore()
    {
        var result = await Runner().RunAsync(new PipelineRequest { UserId = "nobody", RecentItems = ["b001"], K = 3, Explain = true });
        Assert.Equal("f059", result.Items[0].ItemId);
        Assert.DoesNotContain("b001", Ids(result));
        Assert.StartsWith("profile: because you looked at The Quiet Orbit: shares \"Orbit\" in the title", result.Items[0].Explanations[0]);
    }

    [Fact]
    public async Task Similar_StartsFromTheItem_AndLeavesItOut()
    {
        var result = await Runner().RunAsync(new PipelineRequest { Kind = RequestKind.Similar, ItemId = "b001", K = 3, Explain = true });
        Assert.Equal("f059", result.Items[0].ItemId);
        Assert.DoesNotContain("b001", Ids(result));
        Assert.StartsWith("similar: like \"The Quiet Orbit\": shares \"Orbit\" in the title", result.Items[0].Explanations[0]);
        Assert.Equal(["b001"], result.Items[0].Reasons[0].Items);
    }

    [Fact]
    public async Task Similar_ThroughAPipelineWithoutAnItemSource_SaysWhyItFoundNothing()
    {
        var config = ServingConfig.BuiltIn with
        {
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["default"] = ServingConfig.BuiltIn.Pipelines["default"],
                ["profile-only"] = ServingConfig.BuiltIn.Pipelines["default"] with { Recall = [new RecallStep { Source = "profile", Size = 10 }] },
            },
        };
        var result = await Runner(config).RunAsync(new PipelineRequest { Kind = RequestKind.Similar, ItemId = "b001", K = 3, Pipeline = "profile-only" });
        Assert.Empty(result.Items);
        var why = Assert.Single(result.SkippedStages);
        Assert.Equal(("recall", "pipeline 'profile-only' has no source that starts from an item (its sources: profile); the built-in 'similar' source or a plugin source does, as in the 'default' pipeline"),
            (why.Stage, why.Reason));
    }

    [Fact]
    public async Task Filters_ApplyToEverySource()
    {
        var result = await Runner().RunAsync(new PipelineRequest { Kind = RequestKind.Similar, ItemId = "b001", K = 5, Filters = ["category=books"] });
        Assert.Equal(5, result.Items.Count);
        Assert.All(result.Items, c => Assert.StartsWith("b", c.ItemId));
    }

    [Theory]
    [InlineData(0, null, null, 400, "k must be between 1 and 1000, got 0")]
    [InlineData(1001, null, null, 400, "k must be between 1 and 1000, got 1001")]
    [InlineData(10, "nope", null, 400, "unknown pipeline 'nope' (pipelines: default, recommend)")]
    [InlineData(10, null, "missing", 404, "no item with id 'missing'")]
    public async Task BadRequests_SayWhatIsWrong(int k, string? pipeline, string? item, int status, string message)
    {
        var e = await Assert.ThrowsAsync<RequestException>(() =>
            Runner().RunAsync(new PipelineRequest { Kind = RequestKind.Similar, K = k, Pipeline = pipeline, ItemId = item ?? "b001" }));
        Assert.Equal(status, e.Error == RequestError.NotFound ? 404 : 400);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task MalformedFilter_IsABadRequest()
    {
        var e = await Assert.ThrowsAsync<RequestException>(() => Runner().RunAsync(Search("orbit") with { Filters = ["nofield=x"] }));
        Assert.Equal(RequestError.Invalid, e.Error);
        Assert.Contains("nofield", e.Message);
    }

    private sealed class RejectingPlugin : IRankerPlugin
    {
        public string Name => "picky";

        public Version Version => new(1, 0);

        public string Description => "rejects its options";

        public IRankerStage CreateStage(JsonElement? options, IRankerServices services) => throw new ArgumentException("boost must be positive");
    }
}

/// <summary>Request overrides are checked by the stages that take them before anything runs.</summary>
public sealed class RequestOverrideTests(SampleIndexFixture index) : IClassFixture<SampleIndexFixture>, IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task OverrideOutOfBounds_IsABadRequestNamingTheStageAndTheBound_AndNothingRuns()
    {
        var plugin = new SliderPlugin();
        var catalog = new FakeCatalog().Add(plugin);
        var config = ServingConfig.BuiltIn with
        {
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["default"] = ServingConfig.BuiltIn.Pipelines["default"] with { Stages = [new StageStep { Ranker = "slider", Name = "mmr", BudgetMs = 30_000 }] },
            },
        };
        using var host = new ServingHost(new FixedIndexView(index.Reader), new InMemoryInteractionStore(), catalog, ServingConfigSource.Fixed(config),
            TimeProvider.System, _files.PathOf("data"), _ => { });
        var bad = new PipelineRequest { Kind = RequestKind.Search, QueryText = "space", Options = new Dictionary<string, string> { ["slider.lambda"] = "0.1" } };

        var e = await Assert.ThrowsAsync<RequestException>(() => host.Runner.RunAsync(bad));
        Assert.Equal(RequestError.Invalid, e.Error);
        Assert.Equal("mmr: slider.lambda must be between 0.3 and 1, got '0.1'", e.Message);
        Assert.Equal(0, plugin.Reranks);

        await host.Runner.RunAsync(bad with { Options = new Dictionary<string, string> { ["slider.lambda"] = "0.5" } });
        Assert.Equal(1, plugin.Reranks);
    }

    [Fact]
    public async Task AKeyNamingAStageThatTakesNoOverrides_IsABadRequest_WhileContextKeysPass()
    {
        int reranks = 0;
        var catalog = new FakeCatalog().Add(new FakePlugin("plain", (_, _, _) => { reranks++; return ValueTask.CompletedTask; }));
        var config = ServingConfig.BuiltIn with
        {
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["default"] = ServingConfig.BuiltIn.Pipelines["default"] with { Stages = [new StageStep { Ranker = "plain", Name = "plain-rerank", BudgetMs = 30_000 }] },
            },
        };
        using var host = new ServingHost(new FixedIndexView(index.Reader), new InMemoryInteractionStore(), catalog, ServingConfigSource.Fixed(config),
            TimeProvider.System, _files.PathOf("data"), _ => { });
        var bad = new PipelineRequest { Kind = RequestKind.Search, QueryText = "space", Options = new Dictionary<string, string> { ["plain-rerank.weight"] = "0" } };

        var e = await Assert.ThrowsAsync<RequestException>(() => host.Runner.RunAsync(bad));
        Assert.Equal("plain-rerank: the stage takes no per-request options, got 'plain-rerank.weight'", e.Message);
        Assert.Equal(0, reranks);

        // keys that name no stage are context a plugin may read (the learned ranker's context features, say)
        await host.Runner.RunAsync(bad with { Options = new Dictionary<string, string> { ["hour"] = "9", ["plain.weight"] = "0" } });
        Assert.Equal(1, reranks);
    }
}
