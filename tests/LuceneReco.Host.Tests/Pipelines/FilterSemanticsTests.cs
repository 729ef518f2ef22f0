using LuceneReco.Host.Offline;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Tests.Offline;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>
/// Filters mean one thing on every recall source, built in or plugin: a filtered request returns exactly the unfiltered
/// request's hits that pass the filter, in the same order, with the same source scores (the query's words keep their own
/// match rule; a source fills its size from items that pass).
/// </summary>
public sealed class FilterSemanticsTests : IDisposable
{
    private readonly RecoData _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("search", "search")]
    [InlineData("similar", "similar")]
    [InlineData("profile", "recommend")]
    [InlineData("als", "recommend")]
    [InlineData("itemknn", "recommend")]
    public async Task FilteredHits_AreTheUnfilteredHitsThatPass_WithTheSameScores(string source, string requestKind)
    {
        var kind = requestKind switch { "search" => RequestKind.Search, "similar" => RequestKind.Similar, _ => RequestKind.Recommend };
        var events = LuceneReco.Host.Interactions.InteractionFiles.ReadAll(_data.InteractionsFile, DateTimeOffset.UnixEpoch);
        var pipeline = new PipelineDefinition { Recall = [new RecallStep { Source = source, Size = 100 }] };
        using var offline = OfflinePipeline.Open(_data.Index, "p", pipeline, events,
            source == "als" ? new TrainingSettings { Values = new Dictionary<string, string> { ["factors"] = "8", ["iterations"] = "5", ["lambda"] = "1" } } : new TrainingSettings(),
            dataRoot: null, pluginsDirectory: null, TimeProvider.System, progress: null);
        // u30 is a cooking user: ALS still scores space items, so ask for those to make the filter bite.
        var request = new PipelineRequest
        {
            Kind = kind,
            UserId = kind == RequestKind.Recommend && source != "itemknn" ? "u30" : null,
            RecentItems = source == "itemknn" ? ["s00", "c00"] : null, // item-kNN neighbours stay in a group: give it both
            QueryText = kind == RequestKind.Search ? "voyage meal" : null,
            ItemId = kind == RequestKind.Similar ? "c00" : null,
            K = 100,
            Offline = true,
        };
        string filter = source is "als" ? "category=space" : "category=cooking";
        string value = filter["category=".Length..];

        var all = await offline.Runner.RunAsync(request);
        var filtered = await offline.Runner.RunAsync(request with { Filters = [filter] });

        Assert.Empty(all.SkippedStages);
        var category = (string id) => id.StartsWith('s') ? "space" : "cooking";
        var expected = all.Items.Where(c => category(c.ItemId) == value).Select(c => (c.ItemId, c.StageScores[source])).ToList();
        var actual = filtered.Items.Select(c => (c.ItemId, c.StageScores[source])).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < all.Items.Count, "the filter must leave something out");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Search_WithAFilter_KeepsTheQuerysMatchRule_NoFilterOnlyHits()
    {
        var all = Cli.CliRun.Of("search", "--index", _data.Index, "--query", "rocket", "--k", "100", "--json").AssertOk();
        var games = Cli.CliRun.Of("search", "--index", _data.Index, "--query", "rocket", "--filter", "category=cooking", "--k", "100", "--json").AssertOk();
        using var unfiltered = System.Text.Json.JsonDocument.Parse(all);
        using var json = System.Text.Json.JsonDocument.Parse(games);
        Assert.True(unfiltered.RootElement.GetProperty("totalHits").GetInt32() > 0);
        Assert.Equal(0, json.RootElement.GetProperty("totalHits").GetInt32()); // no cooking item says "rocket"
    }
}
