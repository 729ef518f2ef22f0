using LuceneReco.Host.Experiments;
using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Http;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Experiments;

/// <summary>
/// The runner's experiment path on the sample index: the control ("prod", search recall, then a constraint stage named like the
/// diversity plugin) against the candidate ("next", the same recall reversed). Users in the traffic get the interleaved list,
/// the constraint last, variants in the response and the log; erasure removes their impressions.
/// </summary>
public sealed class InterleavedServingTests(SampleIndexFixture index) : IClassFixture<SampleIndexFixture>, IDisposable
{
    private readonly TestFiles _files = new();
    private readonly List<string> _log = [];
    private readonly List<List<Candidate>> _constraintSaw = [];
    private ServingHost? _host;

    public void Dispose()
    {
        _host?.Dispose();
        _files.Dispose();
    }

    private string LogPath => _files.PathOf("served.db");

    private PipelineRunner Runner(double traffic = 1, string method = "teamDraft", string candidateStage = "reverse", bool experimentLog = false)
    {
        var catalog = new FakeCatalog();
        catalog.Add(FakePlugin.Reverse());
        // a constraint stage (named like the diversity plugin): records what it was given, then brings the last item to the top
        catalog.Add(new FakePlugin("mmr", (_, candidates, _) =>
        {
            lock (_constraintSaw) _constraintSaw.Add([.. candidates.Select(c => c.Clone())]);
            var last = candidates[^1];
            candidates.RemoveAt(candidates.Count - 1);
            candidates.Insert(0, last);
            for (int i = 0; i < candidates.Count; i++) candidates[i].Score = candidates.Count - i;
            return ValueTask.CompletedTask;
        }));
        var recall = ServingConfig.BuiltIn.Pipelines["default"];
        var config = ServingConfig.BuiltIn with
        {
            DefaultPipeline = "prod",
            RecommendPipeline = null,
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["prod"] = recall with { FeatureLog = experimentLog ? null : new FeatureLogSettings { Path = LogPath, Explore = 1 }, Stages = [new StageStep { Ranker = "mmr", BudgetMs = 30_000 }] },
                ["next"] = recall with { Stages = [new StageStep { Ranker = candidateStage, BudgetMs = 30_000 }] },
                ["prod-alone"] = recall,
            },
            Experiments = new Dictionary<string, ExperimentSettings>
            {
                ["x"] = new() { Control = "prod", Candidate = "next", Traffic = traffic, Method = method, Log = experimentLog ? new FeatureLogSettings { Path = LogPath } : null },
            },
        };
        Assert.Equal("", string.Join("; ", config.Validate()));
        _host = new ServingHost(new FixedIndexView(index.Reader), new InMemoryInteractionStore(), catalog, ServingConfigSource.Fixed(config),
            TimeProvider.System, _files.PathOf("data"), line => { lock (_log) _log.Add(line); });
        return _host.Runner;
    }

    private static PipelineRequest Search(string? user = "u1", string? session = null, int k = 8) => new()
    {
        Kind = RequestKind.Search,
        QueryText = "orbit station",
        K = k,
        UserId = user,
        Explain = true,
        Options = session is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [PipelineRunner.SessionOption] = session },
    };

    private static string[] Ids(PipelineResult r) => [.. r.Items.Select(c => c.ItemId)];

    [Theory]
    [InlineData("teamDraft")]
    [InlineData("balanced")]
    public async Task RunAsync_UserInTraffic_ServesBothPipelinesItemsEachTaggedWithItsVariant(string method)
    {
        var runner = Runner(method: method);
        var a = Ids(await runner.RunAsync(Search() with { Pipeline = "prod-alone", K = PipelineRequest.MaxK }));
        var b = a.Reverse().ToArray();
        var result = await runner.RunAsync(Search());

        var x = Assert.IsType<ExperimentServed>(result.Experiment);
        Assert.Equal(("x", "prod", "next"), (x.Name, x.Control, x.Candidate));
        Assert.True(a.Length >= 4, $"the sample index matches only {a.Length} items");
        Assert.Equal(Math.Min(8, a.Length), result.Items.Count);
        foreach (var c in result.Items)
        {
            var origin = x.Items[c.ItemId];
            Assert.Equal(Array.IndexOf(a, c.ItemId) + 1, origin.RankA);
            Assert.Equal(Array.IndexOf(b, c.ItemId) + 1, origin.RankB);
            Assert.Contains($"experiment: shown by experiment 'x' for variant {origin.Variant}", c.Explanations);
        }
        Assert.Contains(result.Items, c => x.Items[c.ItemId].Variant == Variant.A);
        Assert.Contains(result.Items, c => x.Items[c.ItemId].Variant == Variant.B);
        // A's best and B's best (A's worst) are both near the top, which neither pipeline alone would show
        Assert.Contains(a[0], Ids(result).Take(3));
        Assert.Contains(b[0], Ids(result).Take(3));

        var response = ResultsResponse.From(result, explain: false);
        Assert.Equal("x", response.Experiment);
        Assert.Equal(result.RequestId, response.RequestId);
        Assert.All(response.Items, i => Assert.Equal(x.Items[i.Id].Variant.ToString(), i.Variant));
    }

    [Fact]
    public async Task RunAsync_Experiment_RunsTheControlsConstraintStageLastOnTheInterleavedList()
    {
        var runner = Runner();
        var result = await runner.RunAsync(Search());

        var saw = Assert.Single(_constraintSaw); // once: not on the control's own ranking before interleaving
        Assert.All(saw, c => Assert.True(c.StageScores.ContainsKey("experiment"), $"{c.ItemId} reached the constraint without its variant"));
        Assert.Equal(saw[^1].ItemId, result.Items[0].ItemId); // the constraint's move is what is served
        Assert.Equal(saw.Select(c => c.ItemId).Take(result.Items.Count - 1), Ids(result).Skip(1));
    }

    [Fact]
    public async Task RunAsync_CandidateStageMissing_SkippedUnderTheCandidatesName()
    {
        var runner = Runner(candidateStage: "absent");
        var result = await runner.RunAsync(Search());
        Assert.NotNull(result.Experiment);
        var skipped = Assert.Single(result.SkippedStages);
        Assert.Equal("next/absent", skipped.Stage);
    }

    [Fact]
    public async Task RunAsync_SameUserAndSession_SameList_AndSessionsDiffer()
    {
        var runner = Runner();
        var first = Ids(await runner.RunAsync(Search(session: "s1")));
        Assert.Equal(first, Ids(await runner.RunAsync(Search(session: "s1"))));
        bool differs = false;
        for (int s = 2; s < 30 && !differs; s++)
        {
            string[] other = Ids(await runner.RunAsync(Search(session: "s" + s)));
            differs = !Enumerable.SequenceEqual(first, other);
        }
        Assert.True(differs, "29 sessions of one user all got the same interleaving");
    }

    [Fact]
    public async Task RunAsync_NoTrafficNoUserOrOffline_ServesTheControlAlone()
    {
        var runner = Runner(traffic: 0);
        var alone = await runner.RunAsync(Search());
        Assert.Null(alone.Experiment);
        Assert.DoesNotContain(alone.Items, c => c.StageScores.ContainsKey("experiment"));

        runner = Runner(traffic: 1);
        Assert.Null((await runner.RunAsync(Search(user: null))).Experiment);
        Assert.Null((await runner.RunAsync(Search() with { Offline = true })).Experiment);
        Assert.NotNull((await runner.RunAsync(Search())).Experiment);
    }

    [Fact]
    public async Task RunAsync_Experiment_LogsEachImpressionOnceWithVariantsAndNeverShufflesIt()
    {
        var runner = Runner();
        var served = await runner.RunAsync(Search(user: "u1"));
        await runner.RunAsync(Search(user: "u2"));
        var lists = ImpressionLog.Read(LogPath, "x", "prod");

        Assert.Equal(2, lists.Count);
        var list = lists.Single(l => l.UserId == "u1");
        Assert.Equal((served.RequestId, "x", "teamDraft", 0), (list.RequestId, list.Experiment, list.Method, list.RandomisedTop)); // explore is 1, yet not shuffled
        Assert.Equal(Ids(served), list.Items.Select(i => i.ItemId));
        foreach (var item in list.Items)
        {
            var origin = served.Experiment!.Items[item.ItemId];
            Assert.Equal((origin.Variant, origin.RankA, origin.RankB), (item.Variant!.Value, item.RankA, item.RankB));
        }
        Assert.Equal(2, SqliteFeatureLog.OpenFile(LogPath).Count); // the feature log holds the same two lists: logged once
    }

    [Fact]
    public async Task ExperimentsOwnLog_AlsoKeepsTheControlsListsForUsersOutsideTheShare_TheBaseline()
    {
        var runner = Runner(traffic: 0, experimentLog: true); // the control has no feature log: the experiment's log holds impressions
        var own = await runner.RunAsync(Search(user: "u1"));
        await runner.RunAsync(Search(user: "u1")); // again: every impression is logged
        await runner.RunAsync(Search(user: "u2"));
        Assert.Null(own.Experiment);

        var lists = ImpressionLog.Read(LogPath, "x", "prod");
        Assert.Equal(3, lists.Count);
        Assert.All(lists, l => Assert.Null(l.Experiment)); // the control's own lists, the click-through baseline
        Assert.Equal(Ids(own), lists.First(l => l.UserId == "u1").Items.Select(i => i.ItemId));
        await runner.RunAsync(Search(user: null));
        Assert.Equal(3, ImpressionLog.Read(LogPath, "x", "prod").Count); // no user: nothing to attribute clicks to, not logged
    }

    [Fact]
    public async Task EraseUser_RemovesTheUsersImpressions_AndKeepsOthers()
    {
        var runner = Runner();
        await runner.RunAsync(Search(user: "gone"));
        await runner.RunAsync(Search(user: "stays"));

        var erased = _host!.EraseUser("gone");

        Assert.Equal(1, erased.ServedLists);
        var left = Assert.Single(ImpressionLog.Read(LogPath, "x", "prod"));
        Assert.Equal("stays", left.UserId);
        foreach (var file in new[] { LogPath, LogPath + "-wal" }.Where(File.Exists))
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf("gone"u8) < 0, $"{file} still holds the erased user's id");
    }
}
