using LuceneReco.Host.Offline;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Tests.Offline;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>A list for every user: the built-in recommend pipeline falls back to the popular plugin's trending items when recall finds nothing.</summary>
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
}
