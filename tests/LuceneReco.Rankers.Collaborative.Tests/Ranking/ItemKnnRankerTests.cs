using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Ranking;

namespace LuceneReco.Rankers.Collaborative.Tests.Ranking;

public sealed class ItemKnnRankerTests : IDisposable
{
    private readonly RankerFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Plugin_IsPublicWithAParameterlessConstructor_AndNamedItemknn()
    {
        IRankerPlugin plugin = Activator.CreateInstance<ItemKnnRanker>();

        Assert.Equal("itemknn", plugin.Name);
        Assert.False(string.IsNullOrWhiteSpace(plugin.Description));
    }

    [Fact]
    public async Task NoModel_LeavesCandidatesUnchanged_AndSaysSo()
    {
        IRankerStage stage = _f.Stage(new ItemKnnRanker());
        List<Candidate> candidates = RankerFixture.Candidates();

        await stage.RerankAsync(RankerFixture.Request("alice"), candidates, CancellationToken.None);

        Assert.Equal(["m6", "m5", "m4", "m3", "x9"], candidates.Select(c => c.ItemId));
        Assert.Equal([4, 3, 2, 1, 0.5], candidates.Select(c => c.Score));
        Assert.All(candidates, c => Assert.Empty(c.StageScores));
        Assert.All(candidates, c => Assert.StartsWith("itemknn: no itemknn model in ", Assert.Single(c.DebugLines), StringComparison.Ordinal));
        Assert.All(candidates, c => Assert.Empty(c.Reasons));
    }

    [Fact]
    public async Task WithModel_ScoresFromTheUsersHistory_BlendsAndReorders()
    {
        _f.Train();
        IRankerStage stage = _f.Stage(new ItemKnnRanker(), """{ "weight": 0.5 }""");
        List<Candidate> candidates = RankerFixture.Candidates();

        await stage.RerankAsync(RankerFixture.Request("alice"), candidates, CancellationToken.None);

        // Expected, from the model file itself: alice liked m1 and m2 (strength 1 each).
        (ItemKnnModel model, _) = ModelFiles.LoadItemKnn(ModelFiles.Versions(_f.ModelDirectory, "itemknn")[0].Path);
        ExplainedScore[] cf = model.Score([new("m1", 1), new("m2", 1)], ["m6", "m5", "m4", "m3"]);
        var expectedCf = new Dictionary<string, double> { ["m6"] = cf[0].Score, ["m5"] = cf[1].Score, ["m4"] = cf[2].Score, ["m3"] = cf[3].Score };
        double cfMin = expectedCf.Values.Min(), cfMax = expectedCf.Values.Max();
        foreach (Candidate c in candidates.Where(c => c.ItemId != "x9"))
        {
            Assert.Equal(expectedCf[c.ItemId], c.StageScores["itemknn"], 12);
            Assert.Equal(expectedCf[c.ItemId], c.Features["itemknn.score"], 12);
            double incoming = RankerFixture.Candidates().Single(o => o.ItemId == c.ItemId).Score;
            double expectedFinal = 0.5 * ((incoming - 0.5) / (4 - 0.5)) + 0.5 * ((expectedCf[c.ItemId] - cfMin) / (cfMax - cfMin));
            Assert.Equal(expectedFinal, c.Score, 12);
        }
        Assert.Equal("m3", candidates[0].ItemId); // the film of alice's taste group overtakes the recall order
        Assert.True(candidates.Zip(candidates.Skip(1)).All(p => p.First.Score >= p.Second.Score), "ordered by the blended score");

        Candidate m3 = candidates[0];
        string line = Assert.Single(m3.Explanations);
        Assert.StartsWith("itemknn: because you liked ", line, StringComparison.Ordinal);
        Assert.EndsWith(" (often chosen by the same people)", line, StringComparison.Ordinal);
        Assert.Contains("Blade Runner", line, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d", line);
        Assert.Contains("Alien", line, StringComparison.Ordinal);

        Candidate unknown = candidates.Single(c => c.ItemId == "x9");
        Assert.False(unknown.StageScores.ContainsKey("itemknn"));
        Assert.Contains("not in the itemknn model (v1)", Assert.Single(unknown.DebugLines), StringComparison.Ordinal);
        Assert.Empty(unknown.Reasons);
    }

    [Fact]
    public async Task Explanation_NamesTheHistoryByTheKindOfEachEvent()
    {
        _f.Train();
        IRankerStage stage = _f.Stage(new ItemKnnRanker(), """{ "weight": 0.5 }""");
        List<Candidate> candidates = RankerFixture.Candidates();
        var now = DateTimeOffset.UnixEpoch;
        var request = RankerFixture.Request("alice") with
        {
            History = [new Interaction("alice", "m1", "play", 1, now), new Interaction("alice", "m2", "rating", 1, now)],
        };

        await stage.RerankAsync(request, candidates, CancellationToken.None);

        string line = Assert.Single(candidates.Single(c => c.ItemId == "m3").Explanations);
        Assert.Matches(@"^itemknn: because you (played Alien and rated Blade Runner|rated Blade Runner and played Alien) \(often chosen by the same people\)$", line);
        Reason reason = Assert.Single(candidates.Single(c => c.ItemId == "m3").Reasons);
        Assert.Equal("history", reason.Kind);
        Assert.Equal(["m1", "m2"], reason.Items!.Order());
    }

    [Fact]
    public async Task WeightZero_KeepsTheIncomingOrder_ButRecordsTheScore()
    {
        _f.Train();
        IRankerStage stage = _f.Stage(new ItemKnnRanker(), """{ "weight": 0 }""");
        List<Candidate> candidates = RankerFixture.Candidates();

        await stage.RerankAsync(RankerFixture.Request("alice"), candidates, CancellationToken.None);

        Assert.Equal(["m6", "m5", "m4", "m3", "x9"], candidates.Select(c => c.ItemId));
        Assert.True(candidates[3].StageScores["itemknn"] > candidates[0].StageScores["itemknn"]);
    }

    [Fact]
    public async Task UserWithoutStoredHistory_IsScoredFromTheRequestsRecentItems()
    {
        _f.Train();
        IRankerStage stage = _f.Stage(new ItemKnnRanker(), """{ "weight": 1 }""");
        List<Candidate> fromStore = RankerFixture.Candidates(), fromRecent = RankerFixture.Candidates();

        await stage.RerankAsync(RankerFixture.Request("alice"), fromStore, CancellationToken.None);
        await stage.RerankAsync(RankerFixture.Request("newcomer", "m2", "m1"), fromRecent, CancellationToken.None);

        Assert.Equal(fromStore.Select(c => (c.ItemId, c.Score)), fromRecent.Select(c => (c.ItemId, c.Score)));
    }

    [Fact]
    public async Task NoHistoryAtAll_LeavesCandidatesUnchanged_AndSaysSo()
    {
        _f.Train();
        IRankerStage stage = _f.Stage(new ItemKnnRanker());
        List<Candidate> candidates = RankerFixture.Candidates();

        await stage.RerankAsync(RankerFixture.Request("stranger"), candidates, CancellationToken.None);

        Assert.Equal([4, 3, 2, 1, 0.5], candidates.Select(c => c.Score));
        Assert.All(candidates, c => Assert.Equal("itemknn: no history for this user; scores unchanged", Assert.Single(c.DebugLines)));
    }

    [Fact]
    public async Task AModelTrainedWhileServing_IsPickedUpAfterThePollInterval()
    {
        IRankerStage stage = _f.Stage(new ItemKnnRanker(), """{ "pollSeconds": 1 }""");
        List<Candidate> before = RankerFixture.Candidates(), after = RankerFixture.Candidates();
        await stage.RerankAsync(RankerFixture.Request("alice"), before, CancellationToken.None);

        _f.Train();
        _f.Services.Time.Advance(TimeSpan.FromSeconds(1));
        await stage.RerankAsync(RankerFixture.Request("alice"), after, CancellationToken.None);

        Assert.All(before, c => Assert.Empty(c.StageScores));
        Assert.Equal("m3", after[0].ItemId);
    }

    [Fact]
    public void BadOptions_AreRejected_NamingEveryProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => _f.Stage(new ItemKnnRanker(), """{ "weight": 2, "maxHistory": 0, "explainTop": -1 }"""));

        Assert.Contains("Weight", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxHistory", e.Message, StringComparison.Ordinal);
        Assert.Contains("ExplainTop", e.Message, StringComparison.Ordinal);
        var typo = Assert.Throws<ArgumentException>(() => _f.Stage(new ItemKnnRanker(), """{ "wieght": 0.5, "weight": "high", "normalisation": "7", "maxHistory": 1.5 }"""));
        Assert.Contains("unknown option 'wieght'", typo.Message, StringComparison.Ordinal);
        Assert.Contains("option 'weight': expected a number, got \"high\"", typo.Message, StringComparison.Ordinal);
        Assert.Contains("option 'normalisation': expected one of MinMax, MaxAbs, None", typo.Message, StringComparison.Ordinal);
        Assert.Contains("option 'maxHistory': expected an integer, got 1.5", typo.Message, StringComparison.Ordinal);
        Assert.NotNull(_f.Stage(new ItemKnnRanker(), """{ "normalisation": "MaxAbs", "titleField": null }"""));
    }
}
