using LuceneReco.Host.Interactions;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Host.Tests.Pipelines;

namespace LuceneReco.Host.Tests.Offline;

/// <summary>The demo's collaborative path on the bundled samples: events into a store, training from it, a pipeline from samples/recommend.json.</summary>
public sealed class SampleRecommendationTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void SampleEvents_TrainedFromTheStore_GiveAUserUnseenItems_WithANewItemInEveryThirdPlace()
    {
        string index = _files.PathOf("index"), store = _files.PathOf("events.db");
        SampleIndex.Build(index);
        CliRun.Of("interactions", "import", "--store", store, "--file", TestFiles.Sample("interactions.tsv")).AssertOk();
        CliRun.Of("train", "--store", store, "--index", index).AssertOk();

        var output = CliRun.Of("recommend", "--index", index, "--store", store, "--config", TestFiles.Sample("recommend.json"),
            "--user", "u07", "--k", "6", "--json", "--explain").AssertOk();

        using var json = System.Text.Json.JsonDocument.Parse(output);
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(6, items.Count);
        using var events = SqliteInteractionStore.Open(store);
        var seen = events.ForUser("u07").Select(e => e.ItemId).ToHashSet();
        Assert.NotEmpty(seen);
        Assert.All(items, i => Assert.DoesNotContain(i.GetProperty("id").GetString()!, seen));
        bool IsPlaced(int position) => items[position].GetProperty("explanation").EnumerateArray()
            .Any(line => line.GetString()!.StartsWith("new-items: ", StringComparison.Ordinal));
        Assert.True(IsPlaced(2) && IsPlaced(5), "places 3 and 6 hold new items");
        Assert.False(IsPlaced(0) || IsPlaced(1) || IsPlaced(3) || IsPlaced(4));
    }
}
