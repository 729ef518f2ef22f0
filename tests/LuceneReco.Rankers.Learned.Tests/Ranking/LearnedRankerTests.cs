using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Ranking;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Ranking;

/// <summary>The "learned" ranker through the plugin contract, as the host drives it.</summary>
public sealed class LearnedRankerTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FakeServices _services;

    public LearnedRankerTests()
    {
        _services = new FakeServices(_dir.Path);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Plugin_NameAndDescription_AreSet()
    {
        var plugin = new LearnedRanker();
        Assert.Equal("learned", plugin.Name);
        Assert.False(string.IsNullOrWhiteSpace(plugin.Description));
    }

    [Fact]
    public void CreateStage_BadOptions_ListsEveryProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => Stage("""{"format": "pmml", "weight": 2, "explainTop": 50}"""));
        Assert.Contains("model must name the model file", e.Message);
        Assert.Contains("format must be one of", e.Message);
        Assert.Contains("weight must be 0 to 1", e.Message);
        Assert.Contains("explainTop must be 0 to 20", e.Message);
    }

    [Fact]
    public void CreateStage_ModelDoesNotLoad_NamesTheFileAndNode()
    {
        File.WriteAllText(_dir.Sub("m.json"), ModelTexts.XgboostStump(["x"], feature: 3, 0.5, -1, 1, defaultLeft: false));
        var e = Assert.Throws<ArgumentException>(() => Stage("""{"model": "m.json"}"""));
        Assert.Contains(_dir.Sub("m.json"), e.Message);
        Assert.Contains("tree 0 node 0", e.Message);
    }

    [Fact]
    public async Task Rerank_LinearModel_ReordersByMarginAndRecordsIt()
    {
        File.WriteAllText(_dir.Sub("linear.json"), ModelTexts.Linear(["a", "b"], [1, -1], 0.5));
        IRankerStage stage = Stage("""{"model": "linear.json", "format": "linear"}""");
        List<Candidate> candidates = [With("low", 0.9, ("a", 0.0), ("b", 2.0)), With("high", 0.1, ("a", 3.0), ("b", 0.0)), With("mid", 0.5, ("a", 1.0))];
        await stage.RerankAsync(Request(k: 3), candidates, CancellationToken.None);
        Assert.Equal(["high", "mid", "low"], candidates.Select(c => c.ItemId));
        Assert.Equal(3.5, candidates[0].Score, 12);
        Assert.Equal(3.5, candidates[0].StageScores["learned"], 12);
        Assert.Equal(3.5, candidates[0].Features["learned.score"], 12);
        Assert.Equal(1.5, candidates[1].Score, 12);  // b absent adds nothing
        Assert.Equal(-1.5, candidates[2].Score, 12);
    }

    [Theory]
    [InlineData(false, 1.5)]  // missing goes right (+1), not left as 0 would
    [InlineData(true, -0.5)]  // missing goes left
    public async Task Rerank_AbsentFeature_TakesTheDefaultBranchNotZero(bool defaultLeft, double expectedMissing)
    {
        File.WriteAllText(_dir.Sub("m.json"), ModelTexts.XgboostStump(["x"], 0, 0.5, left: -1, right: 1, defaultLeft));
        IRankerStage stage = Stage("""{"model": "m.json"}""");
        List<Candidate> candidates = [With("zero", 0, ("x", 0.0)), With("absent", 0)];
        await stage.RerankAsync(Request(k: 2), candidates, CancellationToken.None);
        Assert.Equal(-0.5, candidates.Single(c => c.ItemId == "zero").StageScores["learned"], 6);
        Assert.Equal(expectedMissing, candidates.Single(c => c.ItemId == "absent").StageScores["learned"], 6);
    }

    [Fact]
    public async Task Rerank_FirstK_AreExplainedWithTheFeaturesPhrases()
    {
        WriteLabelledLinear();
        IRankerStage stage = Stage("""{"model": "ltr/linear.json", "format": "linear", "featuresFile": "features.json"}""");
        List<Candidate> candidates = Four();
        await stage.RerankAsync(Request(k: 2), candidates, CancellationToken.None);
        Assert.Equal(["a", "b", "c", "d"], candidates.Select(c => c.ItemId));
        Assert.Equal(["learned: ranked up by: popular this week, close to your recent items; down by: far from your usual categories"], candidates[0].Explanations);
        Assert.Equal(["learned: ranked up by: popular this week; down by: far from your usual categories"], candidates[1].Explanations);
        Assert.Empty(candidates[2].Explanations);
        Assert.Empty(candidates[3].Explanations);
        Assert.Equal(2.0, candidates[0].Features["learned.contrib.pop.week"], 12);
        Assert.Equal(-0.5, candidates[0].Features["learned.contrib.cat.distance"], 12);
        Assert.False(candidates[2].Features.ContainsKey("learned.contrib.pop.week"));
        foreach (string line in candidates[0].Explanations) Assert.DoesNotContain(line, char.IsDigit);
    }

    [Fact]
    public async Task Rerank_ExplainTopZero_WritesNoExplanationOrContributions()
    {
        WriteLabelledLinear();
        IRankerStage stage = Stage("""{"model": "ltr/linear.json", "format": "linear", "featuresFile": "features.json", "explainTop": 0}""");
        List<Candidate> candidates = Four();
        await stage.RerankAsync(Request(k: 4) with { Explain = true }, candidates, CancellationToken.None);
        Assert.All(candidates, c => Assert.Empty(c.Explanations));
        Assert.All(candidates, c => Assert.DoesNotContain(c.Features.Keys, k => k.StartsWith("learned.contrib.", StringComparison.Ordinal)));
        Assert.Equal(2.3, candidates[0].StageScores["learned"], 12);
    }

    [Fact]
    public async Task Rerank_ExplainAllWhenAsked_ExplainsEveryCandidate()
    {
        WriteLabelledLinear();
        IRankerStage stage = Stage("""{"model": "ltr/linear.json", "format": "linear", "featuresFile": "features.json", "explainAll": true}""");
        List<Candidate> asked = Four(), notAsked = Four();
        await stage.RerankAsync(Request(k: 1) with { Explain = true }, asked, CancellationToken.None);
        await stage.RerankAsync(Request(k: 1), notAsked, CancellationToken.None);
        Assert.All(asked, c => Assert.Single(c.Explanations));
        Assert.Equal(1, notAsked.Count(c => c.Explanations.Count > 0));
        // d has nothing but a missing feature and a zero: nothing to name
        Assert.Equal("learned: no feature set it apart from the model's average", asked.Single(c => c.ItemId == "d").Explanations[0]);
    }

    [Fact]
    public async Task Rerank_Weight_BlendsMinMaxNormalisedScores()
    {
        File.WriteAllText(_dir.Sub("linear.json"), ModelTexts.Linear(["a"], [1], 0));
        IRankerStage stage = Stage("""{"model": "linear.json", "format": "linear", "weight": 0.25}""");
        List<Candidate> candidates = [With("p", 10, ("a", 0.0)), With("q", 0, ("a", 4.0)), With("r", 5, ("a", 1.0))];
        await stage.RerankAsync(Request(k: 3), candidates, CancellationToken.None);
        // incoming 10, 0, 5 -> 1, 0, 0.5; model 0, 4, 1 -> 0, 1, 0.25
        Assert.Equal(["p", "r", "q"], candidates.Select(c => c.ItemId));
        Assert.Equal(0.75, candidates[0].Score, 12);
        Assert.Equal(0.75 * 0.5 + 0.25 * 0.25, candidates[1].Score, 12);
        Assert.Equal(0.25, candidates[2].Score, 12);
        Assert.Equal(4.0, candidates[2].StageScores["learned"], 12);
    }

    [Fact]
    public async Task Rerank_XgboostFixture_ScoresAndContributionsMatchXgboost()
    {
        Fixture fixture = Fixture.Load("ndcg_missing");
        File.Copy(fixture.ModelPath, _dir.Sub("ndcg.json"));
        IRankerStage stage = Stage("""{"model": "ndcg.json", "explainTop": 3}""");
        var candidates = new List<Candidate>();
        for (int r = 0; r < fixture.Rows.Length; r++)
        {
            var c = new Candidate("item" + r, 0);
            for (int f = 0; f < fixture.Features.Length; f++)
                if (!double.IsNaN(fixture.Rows[r][f])) c.Features[fixture.Features[f]] = fixture.Rows[r][f];
            candidates.Add(c);
        }
        await stage.RerankAsync(Request(k: candidates.Count), candidates, CancellationToken.None);
        for (int p = 0; p < candidates.Count; p++)
        {
            Candidate c = candidates[p];
            int r = int.Parse(c.ItemId[4..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(c.StageScores["learned"] - fixture.Margins[r]) <= 1e-5, $"row {r}: {c.StageScores["learned"]} vs {fixture.Margins[r]}");
            double sum = c.Features["learned.bias"];
            for (int f = 0; f < fixture.Features.Length; f++)
            {
                double contribution = c.Features["learned.contrib." + fixture.Features[f]];
                Assert.True(Math.Abs(contribution - fixture.Contributions[r][f]) <= 1e-4, $"row {r} feature {f}");
                sum += contribution;
            }
            Assert.Equal(c.StageScores["learned"], sum, 9);
            if (p > 0) Assert.True(candidates[p - 1].Score >= c.Score, "sorted by score");
        }
    }

    [Fact]
    public async Task Rerank_FeaturesOption_NamesAnUnnamedModelsFeatures()
    {
        File.WriteAllText(_dir.Sub("m.txt"), Models.LightGbmTextReaderTests.Text.Replace("feature_names=a b c", "feature_names=Column_0 Column_1 Column_2", StringComparison.Ordinal));
        IRankerStage stage = Stage("""{"model": "m.txt", "format": "lightgbm", "features": "pop, sim , dist"}""");
        List<Candidate> candidates = [With("x", 0, ("pop", 0.7), ("dist", 0.0))];
        await stage.RerankAsync(Request(k: 1), candidates, CancellationToken.None);
        Assert.Equal(1.25, candidates[0].StageScores["learned"], 12);
        Assert.True(candidates[0].Features.ContainsKey("learned.contrib.sim"));
    }

    [Fact]
    public void CreateStage_UnnamedModelWithoutFeatures_SaysToNameThem()
    {
        File.WriteAllText(_dir.Sub("m.txt"), Models.LightGbmTextReaderTests.Text.Replace("feature_names=a b c\n", "", StringComparison.Ordinal));
        var e = Assert.Throws<ArgumentException>(() => Stage("""{"model": "m.txt", "format": "lightgbm"}"""));
        Assert.Contains("names no features", e.Message);
    }

    [Fact]
    public async Task Versions_TheNewestServesUntilAnAliasIsSet_ThenTheAliasDecides()
    {
        File.WriteAllText(_dir.Sub("linear-v1.json"), ModelTexts.Linear(["a"], [1], 0));
        File.WriteAllText(_dir.Sub("linear-v2.json"), ModelTexts.Linear(["a"], [-3], 1));
        IRankerStage stage = Stage("""{"model": "linear.json", "format": "linear"}"""); // names the model; its versions are beside it
        Assert.Equal(-5.0, await ScoreOf(stage, ("a", 2.0)), 12); // production unset: the newest, version 2

        ModelAliases.Promote(_dir.Path, "linear", ModelAliases.Production, 1); // as 'lucenereco models promote' does
        Assert.Equal(2.0, await ScoreOf(stage, ("a", 2.0)), 12);
        Assert.Contains(_services.Lines.Infos, i => i.Contains("now serving version 1", StringComparison.Ordinal));

        File.WriteAllText(_dir.Sub("linear-v3.json"), ModelTexts.Linear(["a"], [10], 0)); // a newer training: not served until promoted
        Assert.Equal(2.0, await ScoreOf(stage, ("a", 2.0)), 12);
        Assert.Equal(20.0, await ScoreOf(Stage("""{"model": "linear.json", "format": "linear", "modelVersion": "v3"}"""), ("a", 2.0)), 12);

        ModelAliases.Promote(_dir.Path, "linear", ModelAliases.Production, 3);
        Assert.Equal(20.0, await ScoreOf(stage, ("a", 2.0)), 12);
        ModelAliases.Rollback(_dir.Path, "linear", ModelAliases.Production); // as 'lucenereco models rollback' does
        Assert.Equal(2.0, await ScoreOf(stage, ("a", 2.0)), 12);
    }

    [Fact]
    public async Task Versions_AnAliasToAMissingVersion_KeepsTheServedOne_AndHealthSaysWhy()
    {
        File.WriteAllText(_dir.Sub("linear-v1.json"), ModelTexts.Linear(["a"], [1], 0));
        var plugin = new LearnedRanker();
        IRankerStage stage = Create(plugin, """{"model": "linear.json", "format": "linear"}""");
        Assert.Equal(2.0, await ScoreOf(stage, ("a", 2.0)), 12);

        ModelAliases.Promote(_dir.Path, "linear", ModelAliases.Production, 7);
        Assert.Equal(2.0, await ScoreOf(stage, ("a", 2.0)), 12);
        string problem = Assert.Single(plugin.HealthProblems());
        Assert.Contains("points to version 7, which is not there (versions: 1)", problem);

        var e = Assert.Throws<ArgumentException>(() => Stage("""{"model": "linear.json", "format": "linear", "modelVersion": "v9"}"""));
        Assert.Contains("version 9", e.Message);
        var bad = Assert.Throws<ArgumentException>(() => Stage("""{"model": "linear.json", "format": "linear", "modelVersion": "not an alias"}"""));
        Assert.Contains("modelVersion must be an alias", bad.Message);
    }

    [Fact]
    public async Task HotReload_NewerModel_IsServedAtTheNextRequest()
    {
        string path = _dir.Sub("linear.json");
        File.WriteAllText(path, ModelTexts.Linear(["a"], [1], 0));
        IRankerStage stage = Stage("""{"model": "linear.json", "format": "linear"}""");
        Assert.Equal(2.0, await ScoreOf(stage, ("a", 2.0)), 12);

        File.WriteAllText(path, ModelTexts.Linear(["a"], [-3], 1));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(-5.0, await ScoreOf(stage, ("a", 2.0)), 12);
        Assert.Contains(_services.Lines.Infos, i => i.Contains("reloaded", StringComparison.Ordinal) && i.Contains(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HotReload_BadNewModel_KeepsThePreviousServingAndWarnsOnceNamingFileAndNode()
    {
        string path = _dir.Sub("m.json");
        File.WriteAllText(path, ModelTexts.XgboostStump(["x"], 0, 0.5, -1, 1, defaultLeft: false));
        IRankerStage stage = Stage("""{"model": "m.json"}""");
        Assert.Equal(-0.5, await ScoreOf(stage, ("x", 0.0)), 6);

        File.WriteAllText(path, ModelTexts.XgboostStump(["x"], 4, 0.5, -1, 1, defaultLeft: false));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(-0.5, await ScoreOf(stage, ("x", 0.0)), 6);
        Assert.Equal(-0.5, await ScoreOf(stage, ("x", 0.0)), 6);
        string warning = Assert.Single(_services.Lines.Warnings);
        Assert.Contains(path, warning);
        Assert.Contains("tree 0 node 0", warning);
        Assert.Contains("keeps serving", warning);

        File.WriteAllText(path, ModelTexts.XgboostStump(["x"], 0, 0.5, -2, 2, defaultLeft: false));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(-1.5, await ScoreOf(stage, ("x", 0.0)), 6);
    }

    [Fact]
    public void Health_DamagedOnlyVersion_IsReportedNamingTheFileAndClearsOnceAGoodOneIsWritten()
    {
        string path = _dir.Sub("m.json");
        File.WriteAllText(path, ModelTexts.XgboostStump(["x"], feature: 3, 0.5, -1, 1, defaultLeft: false));
        var plugin = new LearnedRanker();
        Assert.Empty(plugin.HealthProblems());
        Assert.Throws<ArgumentException>(() => Create(plugin, """{"model": "m.json"}"""));

        string problem = Assert.Single(plugin.HealthProblems());
        Assert.StartsWith("learned: no version serves", problem, StringComparison.Ordinal);
        Assert.Contains(path, problem);
        Assert.Contains("tree 0 node 0", problem);

        File.WriteAllText(path, ModelTexts.XgboostStump(["x"], 0, 0.5, -1, 1, defaultLeft: false));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        Assert.Empty(plugin.HealthProblems()); // cleared by the check itself, before any request creates the stage
        Assert.NotNull(Create(plugin, """{"model": "m.json"}"""));
        Assert.Empty(plugin.HealthProblems());
    }

    [Fact]
    public async Task Health_BadNewerVersion_IsReportedWhileThePreviousServesAndClearsWhenFixed()
    {
        string path = _dir.Sub("m.json");
        File.WriteAllText(path, ModelTexts.XgboostStump(["x"], 0, 0.5, -1, 1, defaultLeft: false));
        var plugin = new LearnedRanker();
        IRankerStage stage = Create(plugin, """{"model": "m.json"}""");
        Assert.Empty(plugin.HealthProblems());

        File.WriteAllText(path, ModelTexts.XgboostStump(["x"], 4, 0.5, -1, 1, defaultLeft: false));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        string problem = Assert.Single(plugin.HealthProblems());
        Assert.Contains(path, problem);
        Assert.Contains("keeps serving", problem);
        Assert.Equal(-0.5, await ScoreOf(stage, ("x", 0.0)), 6); // the previous model still serves

        File.WriteAllText(path, ModelTexts.XgboostStump(["x"], 0, 0.5, -2, 2, defaultLeft: false));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(10));
        Assert.Empty(plugin.HealthProblems());
        Assert.Equal(-1.5, await ScoreOf(stage, ("x", 0.0)), 6);
    }

    [Fact]
    public async Task StateVersion_ChangesWhenANewModelIsPutInService_NotOtherwise()
    {
        string path = _dir.Sub("linear.json");
        File.WriteAllText(path, ModelTexts.Linear(["a"], [1], 0));
        var plugin = new LearnedRanker();
        IPluginState state = plugin;
        IRankerStage stage = Create(plugin, """{"model": "linear.json", "format": "linear"}""");
        long first = state.StateVersion;
        Assert.Equal(2.0, await ScoreOf(stage, ("a", 2.0)), 12);
        Assert.Equal(first, state.StateVersion); // scoring with the same model changes nothing

        File.WriteAllText(path, ModelTexts.Linear(["a"], [-3], 1));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        long second = state.StateVersion; // sees the new file itself, as a request would
        Assert.NotEqual(first, second);
        Assert.Equal(-5.0, await ScoreOf(stage, ("a", 2.0)), 12);
        Assert.Equal(second, state.StateVersion);
    }

    [Fact]
    public async Task HotReload_ChangedFeaturesFile_IsReadAgain()
    {
        WriteLabelledLinear();
        IRankerStage stage = Stage("""{"model": "ltr/linear.json", "format": "linear", "featuresFile": "features.json"}""");
        string features = _dir.Sub(Path.Combine("ltr", "features.json"));
        File.WriteAllText(features, File.ReadAllText(features).Replace("popular this week", "trending now", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(features, DateTime.UtcNow.AddSeconds(5));
        List<Candidate> candidates = Four();
        await stage.RerankAsync(Request(k: 1), candidates, CancellationToken.None);
        Assert.Contains("trending now", candidates[0].Explanations[0]);
    }

    [Fact]
    public async Task HotReload_UnderConcurrentRequests_EveryRequestScoresWithOneWholeModel()
    {
        string path = _dir.Sub("linear.json");
        File.WriteAllText(path, ModelTexts.Linear(["a"], [1], 0));
        IRankerStage stage = Stage("""{"model": "linear.json", "format": "linear"}""");
        using var stop = new CancellationTokenSource();
        var seen = new System.Collections.Concurrent.ConcurrentBag<double>();
        Task[] readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) seen.Add(await ScoreOf(stage, ("a", 2.0)));
        })).ToArray();
        for (int version = 2; version <= 6; version++)
        {
            string temp = path + ".tmp";
            File.WriteAllText(temp, ModelTexts.Linear(["a"], [version], 0));
            File.SetLastWriteTimeUtc(temp, DateTime.UtcNow.AddSeconds(version));
            File.Move(temp, path, overwrite: true);
            await Task.Delay(30);
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.Equal(12.0, await ScoreOf(stage, ("a", 2.0)), 12); // no reload in flight now: the newest is served
        Assert.All(seen, s => Assert.Contains(s, new[] { 2.0, 4.0, 6.0, 8.0, 10.0, 12.0 }));
        Assert.Empty(_services.Lines.Warnings);
    }

    private async Task<double> ScoreOf(IRankerStage stage, params (string Name, double Value)[] features)
    {
        List<Candidate> one = [With("x", 0, features)];
        await stage.RerankAsync(Request(k: 1), one, CancellationToken.None);
        return one[0].StageScores["learned"];
    }

    /// <summary>A linear model in a subfolder with a features file beside it: pop.week x2, sim.recent x1, cat.distance x-0.5.</summary>
    private void WriteLabelledLinear()
    {
        Directory.CreateDirectory(_dir.Sub("ltr"));
        File.WriteAllText(_dir.Sub(Path.Combine("ltr", "linear.json")), ModelTexts.Linear(["pop.week", "sim.recent", "cat.distance"], [2, 1, -0.5], 0));
        File.WriteAllText(_dir.Sub(Path.Combine("ltr", "features.json")), """
            {"features": [
              {"name": "pop.week", "label": "popular this week"},
              {"name": "sim.recent", "label": "close to your recent items"},
              {"name": "cat.distance", "labelDown": "far from your usual categories", "labelUp": "in your usual categories"}
            ]}
            """);
    }

    private static List<Candidate> Four() =>
    [
        With("a", 0, ("pop.week", 1.0), ("sim.recent", 0.8), ("cat.distance", 1.0)),   // 2 + 0.8 - 0.5 = 2.3
        With("b", 0, ("pop.week", 1.0), ("cat.distance", 1.0)),                          // 1.5
        With("c", 0, ("sim.recent", 0.5)),                                               // 0.5
        With("d", 0, ("cat.distance", 0.0)),                                             // 0
    ];

    private IRankerStage Stage(string options) => Create(new LearnedRanker(), options);

    private IRankerStage Create(LearnedRanker plugin, string options)
    {
        using JsonDocument doc = JsonDocument.Parse(options);
        return plugin.CreateStage(doc.RootElement.Clone(), _services);
    }

    private static RankingRequest Request(int k) => new("u1", null, [], k, new Dictionary<string, string>());

    private static Candidate With(string id, double score, params (string Name, double Value)[] features)
    {
        var c = new Candidate(id, score);
        foreach ((string name, double value) in features) c.Features[name] = value;
        return c;
    }
}
