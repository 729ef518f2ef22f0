using System.Text.Json;
using LuceneReco.Host.Plugins;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Plugins;

/// <summary>The sample third-party plugin in samples/FavouriteCategoryRanker, loaded from its build output like any plugin.</summary>
public sealed class FavouriteCategoryRankerTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly PluginCatalog _catalog;
    private readonly FakeRankerServices _services = new FakeRankerServices()
        .Item("b1", "category", "book").Item("b2", "category", "book")
        .Item("f1", "category", "film").Item("f2", "category", "film").Item("s1", "category", "software");

    public FavouriteCategoryRankerTests()
    {
        var plugins = _files.PathOf("plugins");
        TestPlugin.Install(TestPlugin.SampleOutput, plugins, "favourite-category");
        _catalog = new PluginCatalog(new PluginCatalogOptions { Folder = plugins, Watch = false }, _ => { });
    }

    public void Dispose()
    {
        _catalog.Dispose();
        _files.Dispose();
    }

    private async Task<List<Candidate>> Rerank(string? optionsJson, RankingRequest request)
    {
        var plugin = _catalog.Find("favourite-category")!.Plugin;
        var options = optionsJson is null ? (JsonElement?)null : JsonDocument.Parse(optionsJson).RootElement;
        var candidates = new List<Candidate> { new("f1", 1.0), new("b1", 0.9), new("s1", 0.8), new("b2", 0.2) };
        await plugin.CreateStage(options, _services).RerankAsync(request, candidates, CancellationToken.None);
        return candidates;
    }

    [Fact]
    public async Task RequestOption_BoostsThatCategory_AndReorders()
    {
        var ranked = await Rerank("""{ "field": "category", "boost": 0.5 }""", PluginLoaderTests.Request(("favouriteCategory", "book")));

        Assert.Equal(["b1", "f1", "s1", "b2"], ranked.Select(c => c.ItemId));
        Assert.Equal(1.4, ranked[0].Score, 12);
        Assert.Equal(["favourite-category: favourite category 'book' +0.5"], ranked[0].Explanations);
        Assert.Empty(ranked[1].Explanations);
    }

    [Fact]
    public async Task WithoutTheOption_TheUsersMostFrequentCategoryIsUsed()
    {
        _services.Viewed("u1", "s1").Viewed("u1", "f1").Viewed("u1", "s1").Viewed("u2", "b1").Viewed("u2", "b2");

        var ranked = await Rerank("""{ "boost": 2 }""", PluginLoaderTests.Request());

        Assert.Equal(["s1", "f1", "b1", "b2"], ranked.Select(c => c.ItemId));
        Assert.Equal(2.8, ranked[0].Score, 12);
        Assert.Equal(["favourite-category: favourite category 'software' +2"], ranked[0].Explanations);
    }

    [Fact]
    public async Task NoFavourite_LeavesTheListAlone()
    {
        var ranked = await Rerank(null, PluginLoaderTests.Request());
        Assert.Equal(["f1", "b1", "s1", "b2"], ranked.Select(c => c.ItemId));
        Assert.All(ranked, c => Assert.Empty(c.Explanations));
    }

    [Theory]
    [InlineData("""{ "boost": "high" }""")]
    [InlineData("""{ "field": "" }""")]
    [InlineData("""{ "maxInteractions": 0 }""")]
    [InlineData("""{ "colour": "red" }""")]
    public void BadOptions_AreArgumentExceptions(string optionsJson) =>
        Assert.Throws<ArgumentException>(() =>
            _catalog.Find("favourite-category")!.Plugin.CreateStage(JsonDocument.Parse(optionsJson).RootElement, _services));
}
