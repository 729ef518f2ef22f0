using LuceneReco.Host.Offline;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Tests.Offline;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>
/// A list for every user: the built-in recommend pipeline falls back to the popular plugin's trending items when recall
/// finds nothing, with one place in every 5 for the newest items no one has chosen yet.
/// </summary>
public sealed class FallbackTests : IDisposable
{
    private readonly RecoData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task UserWithoutHistory_GetsTrendingItems_Filtered_AndUsersWithHistoryDoNot()
    {
        var events = LuceneReco.Host.Interactions.InteractionFiles.ReadAll(_data.InteractionsFile, DateTimeOffset.UnixEpoch);
        var training = new TrainingSettings { Values = new Dictionary<string, string> { ["factors"] = "8", ["iterations"] = "5", ["lambda"] = "1" } };
        using var offline = OfflinePipeline.Open(_data.Index, "recommend", ServingConfig.Recommend, events, training, dataRoot: null,
            pluginsDirectory: null, TimeProvider.System, progress: null);
        Assert.Contains(offline.Training, t => t.Plugin == "popular");

        var stranger = await offline.Runner.RunAsync(new PipelineRequest { UserId = "nobody", K = 5, Explain = true });
        Assert.Equal(5, stranger.Items.Count);
        Assert.All(stranger.Items, c => Assert.Contains("popular: trending now", c.Explanations));
        var scores = stranger.Items.Select(c => c.StageScores["popular"]).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);

        var cooking = await offline.Runner.RunAsync(new PipelineRequest { UserId = "nobody", K = 5, Filters = ["category=cooking"] });
        Assert.Equal(5, cooking.Items.Count);
        Assert.All(cooking.Items, c => Assert.StartsWith("c", c.ItemId));

        var known = await offline.Runner.RunAsync(new PipelineRequest { UserId = "u00", K = 5 });
        Assert.Equal(5, known.Items.Count);
        Assert.All(known.Items, c => Assert.False(c.StageScores.ContainsKey("popular"), "a user with history gets no fallback"));
    }

    [Fact]
    public async Task UserWithoutHistory_NewItemNoOneChose_TakesEveryFifthPlace_TrendingKeepsTheRest()
    {
        string added = _data.Files.Write("new-items.tsv", "id\ttitle\tbody\tcategory\nn00\tFresh Arrival\tbrand new voyage\tspace\n");
        LuceneReco.Host.Tests.Cli.CliRun.Of("index", "add", "--index", _data.Index, "--items", added).AssertOk();
        var events = LuceneReco.Host.Interactions.InteractionFiles.ReadAll(_data.InteractionsFile, DateTimeOffset.UnixEpoch);
        var training = new TrainingSettings { Values = new Dictionary<string, string> { ["factors"] = "8", ["iterations"] = "5", ["lambda"] = "1" } };
        using var offline = OfflinePipeline.Open(_data.Index, "recommend", ServingConfig.Recommend, events, training, dataRoot: null,
            pluginsDirectory: null, TimeProvider.System, progress: null);

        var stranger = await offline.Runner.RunAsync(new PipelineRequest { UserId = "nobody", K = 10, Explain = true });

        Assert.Equal(10, stranger.Items.Count);
        var ids = stranger.Items.Select(c => c.ItemId).ToList();
        Assert.Equal("n00", ids[4]);
        Assert.Contains(stranger.Items[4].Explanations, line => line.StartsWith("new-items: new here", StringComparison.Ordinal));
        var trending = stranger.Items.Where((_, i) => i != 4).ToList();
        Assert.All(trending, c => Assert.Contains("popular: trending now", c.Explanations));
        var scores = trending.Select(c => c.StageScores["popular"]).ToList();
        Assert.Equal(scores.OrderByDescending(x => x), scores);

        var alone = await offline.Runner.RunAsync(new PipelineRequest { UserId = "nobody", K = 4 });
        Assert.DoesNotContain("n00", alone.Items.Select(c => c.ItemId)); // fewer places than one in five: trending only
    }
}
