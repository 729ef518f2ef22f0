using System.Text.Json;
using LuceneReco.Plugins;

namespace MyRanker.Tests;

/// <summary>The stage over a small in-memory catalogue, through the plugin as the host makes it (options from JSON).</summary>
public sealed class MyRankerStageTests
{
    private static readonly Catalog Items = new(new()
    {
        ["a"] = "films", ["b"] = "books", ["c"] = "books", ["d"] = "films",
    });

    private static async Task<List<Candidate>> Rerank(string optionsJson, params string[] ids)
    {
        using var options = JsonDocument.Parse(optionsJson);
        var stage = new MyRankerPlugin().CreateStage(options.RootElement.Clone(), new Services());
        var candidates = ids.Select((id, i) => new Candidate(id, ids.Length - i)).ToList(); // best first
        var request = new RankingRequest("u", null, [], 10, new Dictionary<string, string>()) { Items = Items, Explain = true };
        await stage.RerankAsync(request, candidates, CancellationToken.None);
        return candidates;
    }

    [Fact]
    public async Task RerankAsync_BoostsTheItemsWithTheValue_AboveTheOthers()
    {
        var ranked = await Rerank("""{ "field": "category", "value": "books", "boost": 10 }""", "a", "b", "c", "d");
        Assert.Equal(["b", "c", "a", "d"], ranked.Select(c => c.ItemId));
        Assert.Contains("moved up: its category is books", ranked[0].Explanations.Single());
        Assert.Equal(1, ranked[0].Features["my-ranker.boosted"]);
    }

    [Fact]
    public async Task RerankAsync_WithoutAValue_ChangesNothing()
    {
        var ranked = await Rerank("{}", "a", "b", "c");
        Assert.Equal(["a", "b", "c"], ranked.Select(c => c.ItemId));
        Assert.Empty(ranked[0].Explanations);
    }

    [Fact]
    public void CreateStage_BadOptions_ListsEveryProblem()
    {
        using var options = JsonDocument.Parse("""{ "field": " ", "value": "" }""");
        var e = Assert.Throws<ArgumentException>(() => new MyRankerPlugin().CreateStage(options.RootElement.Clone(), new Services()));
        Assert.Contains("field must be a field name", e.Message);
        Assert.Contains("value must be text", e.Message);
    }

    private sealed class Catalog(Dictionary<string, string> categories) : IItemCatalog
    {
        public int Count => categories.Count;

        public bool Contains(string itemId) => categories.ContainsKey(itemId);

        public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId) =>
            categories.TryGetValue(itemId, out var category)
                ? new Dictionary<string, IReadOnlyList<string>> { ["category"] = [category], ["title"] = ["Item " + itemId] }
                : new Dictionary<string, IReadOnlyList<string>>();

        public double? Number(string itemId, string field) => null;

        public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field) => [];

        public int DocFreq(string field, string term) => 0;
    }

    private sealed class Services : IRankerServices
    {
        public IItemCatalog Items => throw new InvalidOperationException("the stage must read the request's items");

        public IInteractionReader Interactions => throw new InvalidOperationException("not used");

        public string DataDirectory => Path.GetTempPath();

        public IRankerLog Log => throw new InvalidOperationException("not used");

        public TimeProvider Clock => TimeProvider.System;
    }
}
