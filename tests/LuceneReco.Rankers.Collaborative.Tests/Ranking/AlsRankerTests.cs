using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Ranking;

namespace LuceneReco.Rankers.Collaborative.Tests.Ranking;

public sealed class AlsRankerTests : IDisposable
{
    private readonly RankerFixture _f = new();

    public void Dispose() => _f.Dispose();

    private ImplicitAlsModel Model() => ModelFiles.LoadAls(ModelFiles.Versions(_f.ModelDirectory, "als")[0].Path).Model;

    [Fact]
    public void Plugin_IsNamedAls()
    {
        IRankerPlugin plugin = Activator.CreateInstance<AlsRanker>();

        Assert.Equal("als", plugin.Name);
    }

    [Fact]
    public async Task NoModel_LeavesCandidatesUnchanged_AndSaysSo()
    {
        List<Candidate> candidates = RankerFixture.Candidates();

        await _f.Stage(new AlsRanker()).RerankAsync(RankerFixture.Request("alice"), candidates, CancellationToken.None);

        Assert.Equal([4, 3, 2, 1, 0.5], candidates.Select(c => c.Score));
        Assert.All(candidates, c => Assert.StartsWith("als: no als model in ", Assert.Single(c.DebugLines), StringComparison.Ordinal));
        Assert.All(candidates, c => Assert.Empty(c.Reasons)); // nothing happened that is a reason for people
    }

    [Fact]
    public async Task UnseenUser_IsFoldedIn_ScoredByDot_AndExplainedByHerItems()
    {
        _f.Train();
        List<Candidate> candidates = RankerFixture.Candidates();

        await _f.Stage(new AlsRanker(), """{ "weight": 1 }""").RerankAsync(RankerFixture.Request("alice"), candidates, CancellationToken.None);

        ImplicitAlsModel model = Model();
        float[] x = model.FoldIn([new("m1", 1), new("m2", 1)]);
        foreach (Candidate c in candidates.Where(c => c.ItemId != "x9"))
            Assert.Equal(model.Score(x, c.ItemId)!.Value, c.StageScores["als"], 5);
        Assert.Equal("m3", candidates[0].ItemId);
        string line = Assert.Single(candidates[0].Explanations);
        Assert.StartsWith("als: because you liked ", line, StringComparison.Ordinal); // no history in the request: no kinds to name
        Assert.Contains("Alien", line, StringComparison.Ordinal);
        Assert.Contains("Blade Runner", line, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d", line); // the arithmetic is in the debug lines
        Assert.Matches(@"^als: cf -?\d+\.\d+, final \d+(\.\d+)? x ", Assert.Single(candidates[0].DebugLines));
    }

    [Fact]
    public async Task FoldInOff_LeavesUnseenUsersUnchanged()
    {
        _f.Train();
        List<Candidate> candidates = RankerFixture.Candidates();

        await _f.Stage(new AlsRanker(), """{ "foldInUnseenUsers": false }""").RerankAsync(RankerFixture.Request("alice"), candidates, CancellationToken.None);

        Assert.Equal([4, 3, 2, 1, 0.5], candidates.Select(c => c.Score));
        Assert.All(candidates, c => Assert.Equal("als: user not in the model and fold-in is off; scores unchanged", Assert.Single(c.DebugLines)));
    }

    [Fact]
    public async Task KnownUser_WithTrainedFactors_IsScoredByThem()
    {
        _f.Train();
        List<Candidate> candidates = RankerFixture.Candidates();

        await _f.Stage(new AlsRanker(), """{ "useTrainedFactors": true, "weight": 1 }""")
            .RerankAsync(RankerFixture.Request("u6"), candidates, CancellationToken.None);

        ImplicitAlsModel model = Model();
        float[] x = model.UserFactors("u6")!;
        foreach (Candidate c in candidates.Where(c => c.ItemId != "x9"))
            Assert.Equal(model.Score(x, c.ItemId)!.Value, c.StageScores["als"], 5);
        Assert.StartsWith("als: ", candidates[0].Explanations[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledRequest_Throws()
    {
        _f.Train();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await _f.Stage(new AlsRanker()).RerankAsync(RankerFixture.Request("alice"), RankerFixture.Candidates(), cts.Token));
    }
}
