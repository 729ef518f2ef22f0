using LuceneReco.Host.Offline;
using LuceneReco.Host.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Pipelines.Semantic;

/// <summary>
/// The semantic sources over vectors the real encoder made: they find items by meaning, honour filters like every other source
/// (the filtered hits are the unfiltered hits that pass, with the same scores), explain themselves by title, and fuse.
/// </summary>
public sealed class SemanticRecallTests(EmbeddedRecoData fixture) : IClassFixture<EmbeddedRecoData>
{
    private string Index => fixture.Data.Index;

    private OfflinePipeline Open(PipelineDefinition pipeline)
    {
        var events = LuceneReco.Host.Interactions.InteractionFiles.ReadAll(fixture.Data.InteractionsFile, DateTimeOffset.UnixEpoch);
        return OfflinePipeline.Open(Index, "p", pipeline, events, new TrainingSettings(), dataRoot: null, pluginsDirectory: null, TimeProvider.System, progress: null);
    }

    private static PipelineDefinition Only(string source) => new() { Recall = [new RecallStep { Source = source, Size = 100 }] };

    private static PipelineRequest RequestFor(string source) => source switch
    {
        "semantic" => new PipelineRequest { Kind = RequestKind.Search, QueryText = "a voyage among the planets", K = 100, Offline = true, Explain = true },
        "semantic-similar" => new PipelineRequest { Kind = RequestKind.Similar, ItemId = "s00", K = 100, Offline = true, Explain = true },
        _ => new PipelineRequest { Kind = RequestKind.Recommend, UserId = "u00", K = 100, Offline = true, Explain = true },
    };

    [Fact]
    public void Embed_TheCatalogue_EmbedsEveryItemWithMiniLM() =>
        Assert.StartsWith("embedded 30 items with 'all-MiniLM-L6-v2' (384 dimensions) from title, body", fixture.EmbedOutput);

    [Theory]
    [InlineData("semantic")]
    [InlineData("semantic-similar")]
    [InlineData("semantic-profile")]
    public async Task Source_FindsItemsByMeaning_AndExplainsByTitle(string source)
    {
        using var offline = Open(Only(source));
        var result = await offline.Runner.RunAsync(RequestFor(source) with { K = 5 });
        Assert.Empty(result.SkippedStages);
        Assert.Equal(5, result.Items.Count);
        Assert.All(result.Items, c => Assert.StartsWith("s", c.ItemId)); // u00 is a space reader; the query and s00 are about space
        Assert.DoesNotContain(result.Items, c => c.ItemId == "s00" && source == "semantic-similar");
        var line = Assert.Single(result.Items[0].Explanations);
        string expected = source switch
        {
            "semantic" => "semantic: semantically close to \"a voyage among the planets\"",
            "semantic-similar" => "semantic-similar: semantically close to Space story 0",
            _ => "semantic-profile: semantically close to Space story ",
        };
        Assert.StartsWith(expected, line);
    }

    [Fact]
    public async Task SemanticProfile_LeavesOutTheUsersOwnItems()
    {
        using var offline = Open(Only("semantic-profile"));
        var result = await offline.Runner.RunAsync(RequestFor("semantic-profile"));
        var events = LuceneReco.Host.Interactions.InteractionFiles.ReadAll(fixture.Data.InteractionsFile, DateTimeOffset.UnixEpoch);
        var seen = events.Where(e => e.UserId == "u00").Select(e => e.ItemId).ToHashSet();
        Assert.NotEmpty(result.Items);
        Assert.DoesNotContain(result.Items, c => seen.Contains(c.ItemId));
        Assert.Equal(30 - seen.Count, result.Items.Count); // every other item, best first
    }

    [Theory]
    [InlineData("semantic")]
    [InlineData("semantic-similar")]
    [InlineData("semantic-profile")]
    public async Task FilteredHits_AreTheUnfilteredHitsThatPass_WithTheSameScores(string source)
    {
        using var offline = Open(Only(source));
        var request = RequestFor(source);
        var all = await offline.Runner.RunAsync(request);
        var filtered = await offline.Runner.RunAsync(request with { Filters = ["category=cooking"] });
        var expected = all.Items.Where(c => c.ItemId.StartsWith('c')).Select(c => (c.ItemId, c.StageScores[source])).ToList();
        var actual = filtered.Items.Select(c => (c.ItemId, c.StageScores[source])).ToList();
        Assert.True(expected.Count >= 10, $"{expected.Count} cooking items unfiltered");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task SemanticSimilar_ASelectiveFilter_StillFillsK()
    {
        using var offline = Open(Only("semantic-similar"));
        var result = await offline.Runner.RunAsync(RequestFor("semantic-similar") with { K = 10, Filters = ["category=cooking"] });
        Assert.Equal(10, result.Items.Count); // all ten from the 15 cooking items, though the nearest 14 are space items
        Assert.All(result.Items, c => Assert.StartsWith("c", c.ItemId));
    }

    [Fact]
    public async Task Hybrid_SearchAndSemantic_FuseByRrf()
    {
        var pipeline = new PipelineDefinition
        {
            Recall = [new RecallStep { Source = "search", Size = 50 }, new RecallStep { Source = "semantic", Size = 50 }],
            Fusion = "rrf",
        };
        using var offline = Open(pipeline);
        var result = await offline.Runner.RunAsync(new PipelineRequest { Kind = RequestKind.Search, QueryText = "rocket", K = 30, Offline = true });
        Assert.Empty(result.SkippedStages);
        Assert.Contains(result.Items, c => c.StageScores.ContainsKey("search") && c.StageScores.ContainsKey("semantic"));
        Assert.Contains(result.Items, c => !c.StageScores.ContainsKey("search") && c.StageScores.ContainsKey("semantic")); // found by meaning alone
    }

    [Fact]
    public async Task BuiltInRecommend_UsesTheSemanticProfile_WhenTheIndexHasVectors()
    {
        using var offline = Open(ServingConfig.Recommend);
        var result = await offline.Runner.RunAsync(new PipelineRequest { Kind = RequestKind.Recommend, UserId = "u00", K = 10, Offline = true, Explain = true });
        Assert.Contains(result.Items, c => c.StageScores.ContainsKey("semantic-profile"));
        Assert.Contains(result.Items, c => c.Explanations.Any(e => e.StartsWith("semantic-profile: semantically close to Space story ", StringComparison.Ordinal)));
    }
}
