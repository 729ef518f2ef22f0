using System.Globalization;
using LuceneReco.Host.Offline.Tuning;

namespace LuceneReco.Host.Tests.Offline.Tuning;

public sealed class HalvingSearchTests
{
    private static readonly SearchSpace Space = new(
    [
        SearchParameter.Of("x", 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
        SearchParameter.Of("y", 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    ]);

    /// <summary>Best at x = 7, y = 3; the score is a little worse on smaller shares, as noisier evaluations are.</summary>
    private static TrialOutcome Objective(Trial t, double share, CancellationToken _)
    {
        double x = double.Parse(t.Settings["x"], CultureInfo.InvariantCulture), y = double.Parse(t.Settings["y"], CultureInfo.InvariantCulture);
        double score = -Math.Abs(x - 7) - Math.Abs(y - 3) - (1 - share) * 0.01 * t.Number;
        return new TrialOutcome(score, new Dictionary<string, double> { ["score"] = score });
    }

    [Fact]
    public void Run_PromotesOneInEta_KeepsTheDefaults_AndPicksTheBestAtTheLastRung()
    {
        var search = new HalvingSearch(Space, new HalvingSearchOptions { Seed = 3, MaxTrials = 27 });

        SearchResult result = search.Run(Objective);

        Assert.Equal(2, result.Rung);
        Assert.Equal(27, result.Trials.Count);
        int second = result.Trials.Count(t => t.Rungs.Count >= 2), third = result.Trials.Count(t => t.Rungs.Count == 3);
        Assert.Equal(9 + 1, second); // ceil(27 / 3), and the defaults
        Assert.Equal(4 + 1, third);  // ceil(10 / 3), and the defaults
        Assert.Equal(3, result.Trials.Single(t => t.Trial.Number == 0).Rungs.Count);
        double best = result.Trials.Where(t => t.Rungs.Count == 3).Max(t => t.Last.Score);
        Assert.Equal(best, result.BestOutcome.Score);
        double bestOfAll = result.Trials.Max(t => Objective(t.Trial, 1, default).Score);
        Assert.True(result.BestOutcome.Score >= bestOfAll - 2, $"chose {result.BestOutcome.Score}, best drawn {bestOfAll}");
    }

    [Fact]
    public void Run_SameSeed_SameTrialsAndChoice_OtherSeed_OtherTrials()
    {
        var a = new HalvingSearch(Space, new HalvingSearchOptions { Seed = 11, MaxTrials = 12 }).Run(Objective);
        var b = new HalvingSearch(Space, new HalvingSearchOptions { Seed = 11, MaxTrials = 12 }).Run(Objective);
        var c = new HalvingSearch(Space, new HalvingSearchOptions { Seed = 12, MaxTrials = 12 }).Draw();

        Assert.Equal(SearchSpace.Key(a.Best.Settings), SearchSpace.Key(b.Best.Settings));
        Assert.Equal(a.Trials.Select(t => SearchSpace.Key(t.Trial.Settings)), b.Trials.Select(t => SearchSpace.Key(t.Trial.Settings)));
        Assert.NotEqual(a.Trials.Select(t => SearchSpace.Key(t.Trial.Settings)), c.Select(t => SearchSpace.Key(t.Settings)));
    }

    [Fact]
    public void Run_SkippedTrials_AreNeverChosen_AndAllSkippedIsAnError()
    {
        var search = new HalvingSearch(Space, new HalvingSearchOptions { Seed = 1, MaxTrials = 9 });

        var result = search.Run((t, share, ct) => t.Settings["x"] == "7" || t.Number == 0 ? TrialOutcome.Skip("too big") : Objective(t, share, ct));
        var e = Assert.Throws<SearchBudgetException>(() => search.Run((_, _, _) => TrialOutcome.Skip("too big")));

        Assert.NotEqual("7", result.Best.Settings["x"]);
        Assert.NotEqual(0, result.Best.Number);
        Assert.Contains("too big", e.Message);
    }

    [Fact]
    public void Run_BudgetEndsTheFirstTrial_ThrowsSayingSo()
    {
        var search = new HalvingSearch(Space, new HalvingSearchOptions { MaxTrials = 3, Budget = TimeSpan.FromMilliseconds(50) });

        var e = Assert.Throws<SearchBudgetException>(() => search.Run((t, s, ct) => { Task.Delay(5000, ct).Wait(ct); return Objective(t, s, ct); }));

        Assert.Contains("budget", e.Message);
    }

    [Fact]
    public void PipelineSpace_Defaults_AreTheBuiltInRecommendPipeline()
    {
        var p = PipelineSpace.Pipeline(PipelineSpace.Create().Defaults(), null);
        var builtIn = LuceneReco.Host.Pipelines.ServingConfig.Recommend;

        Assert.Equal(builtIn.Recall.Select(r => (r.Source, r.Size, r.Weight)), p.Recall.Select(r => (r.Source, r.Size, r.Weight)));
        Assert.Equal(builtIn.Stages.Select(s => (s.Ranker, s.Options!.Value.GetProperty("weight").GetDouble())), p.Stages.Select(s => (s.Ranker, s.Options!.Value.GetProperty("weight").GetDouble())));
        Assert.Equal(builtIn.NewItems, p.NewItems);
    }

    [Fact]
    public void Near_ChangesOneToThreeSettings_AndTheSearchDrawsThereAsOften_AsNearDefaultsSays()
    {
        var space = new SearchSpace([.. Enumerable.Range(0, 8).Select(i => SearchParameter.Of($"p{i}", 0, 0, 1, 2))]);
        var random = new Random(5);
        var defaults = space.Defaults();
        var changed = new HashSet<int>();
        for (int n = 0; n < 200; n++)
        {
            var near = space.Near(defaults, random, 3);
            int differ = near.Count(p => p.Value != defaults[p.Key]);
            Assert.InRange(differ, 1, 3);
            changed.Add(differ);
        }
        Assert.Equal([1, 2, 3], changed.Order());

        static int Changes(IReadOnlyDictionary<string, string> s) => s.Count(p => p.Value != "0");
        var onlyNear = new HalvingSearch(space, new HalvingSearchOptions { Seed = 2, MaxTrials = 30, NearDefaults = 1 }).Draw();
        var onlyFull = new HalvingSearch(space, new HalvingSearchOptions { Seed = 2, MaxTrials = 30, NearDefaults = 0 }).Draw();
        Assert.All(onlyNear.Skip(1), t => Assert.InRange(Changes(t.Settings), 1, 3));
        Assert.True(onlyFull.Skip(1).Average(t => Changes(t.Settings)) > 4, "a full draw changes most of eight settings");
        Assert.Contains("NearDefaults must be 0 to 1, got 2", new HalvingSearchOptions { NearDefaults = 2 }.Validate());
    }

    [Fact]
    public void PipelineSpace_MatchMode_WritesMatchedNewItemPlaces()
    {
        var settings = PipelineSpace.Create().Defaults();
        settings["cold.mode"] = "match";
        var p = PipelineSpace.Pipeline(settings, null);

        Assert.True(p.NewItems!.Match);
        Assert.Null(p.NewItems.From);
        string json = PipelineFile.Write(p, new Dictionary<string, string>());
        Assert.Contains("\"match\": true", json);
        var (config, errors) = LuceneReco.Host.Pipelines.ServingConfigParser.Parse(json);
        Assert.Empty(errors);
        Assert.True(config!.Pipelines[LuceneReco.Host.Pipelines.ServingConfig.RecommendName].NewItems!.Match);
    }
}
