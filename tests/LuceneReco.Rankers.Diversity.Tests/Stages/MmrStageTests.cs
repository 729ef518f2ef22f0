using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Tests.Support;
using static LuceneReco.Rankers.Diversity.Tests.Stages.StageFixture;

namespace LuceneReco.Rankers.Diversity.Tests.Stages;

public sealed class MmrStageTests
{
    private static string[] Ids(List<Candidate> candidates) => [.. candidates.Select(c => c.ItemId)];

    [Fact]
    public void Plugin_IsPublicWithAParameterlessConstructor_AndNamedMmr()
    {
        IRankerPlugin plugin = Activator.CreateInstance<MmrRanker>();

        Assert.Equal("mmr", plugin.Name);
        Assert.False(string.IsNullOrWhiteSpace(plugin.Description));
    }

    [Fact]
    public async Task NearDuplicates_MoveDown_DifferentFilmsMoveUp_EachSayingWhyInWords()
    {
        List<Candidate> result = await Run(Stage(new MmrRanker(), Films(), """{ "lambda": 0.5 }"""), Candidates());

        Assert.Equal(["m1", "m4", "m2", "m5", "m3", "m6", "m7"], Ids(result));
        Assert.Equal(["mmr: moved up from 4 to 2: unlike the items above it"], result[1].Explanations);
        Assert.Equal(["mmr: moved down from 2 to 3: too close to \"Alien\", already above it"], result[2].Explanations);
        Assert.Equal(["mmr: moved down from 3 to 5: too close to \"Alien\", already above it"], result[4].Explanations);
        Assert.Empty(result[0].Explanations); // not moved, nothing to say
        Assert.Equal([7, 4, 6, 3, 5, 2, 1], result.Select(c => c.Score)); // scores untouched: later stages still see relevance
        AssertNoArithmetic(result);
    }

    [Fact]
    public async Task Features_CarryTheNumbers()
    {
        List<Candidate> result = await Run(Stage(new MmrRanker(), Films(), """{ "lambda": 0.5 }"""), Candidates());

        Candidate m2 = result.Single(c => c.ItemId == "m2");
        Assert.Equal(5.0 / 6, m2.Features["mmr.relevance"], 12);
        Assert.InRange(m2.Features["mmr.maxSim"], 0.3, 0.9);
        Assert.Equal(0.5 * 5.0 / 6 - 0.5 * m2.Features["mmr.maxSim"], m2.Features["mmr.score"], 12);
        Assert.Equal(-1, m2.Features["mmr.moved"]);
        Assert.False(result[0].Features.ContainsKey("mmr.moved"));
    }

    [Fact]
    public async Task AttributesOnly_ANewCategoryMovesUp_NamingIt()
    {
        List<Candidate> result = await Run(Stage(new MmrRanker(), Films(), """{ "lambda": 0.5, "textFields": "", "attributeFields": "category" }"""), Candidates());

        Assert.Equal(["m1", "m4", "m5", "m6", "m2", "m3", "m7"], Ids(result));
        Assert.Equal(["mmr: moved up from 4 to 2: adds Comedy (category), which no item above it has"], result[1].Explanations);
        AssertNoArithmetic(result);
    }

    [Fact]
    public async Task Embeddings_NearDuplicatesInMeaning_MoveDown()
    {
        // m1..m3 point the same way in meaning, m4..m7 elsewhere; the text says nothing (the fields are left out)
        var films = Films();
        foreach (string id in new[] { "m1", "m2", "m3" }) films.Vector(id, 1, 0.05f, 0);
        films.Vector("m4", 0, 1, 0).Vector("m5", 0, 0, 1).Vector("m6", 0.1f, 0.7f, 0.7f).Vector("m7", 1, 0, 0.1f);
        List<Candidate> result = await Run(Stage(new MmrRanker(), films, """{ "lambda": 0.5, "textFields": "", "vectorWeight": 1 }"""), Candidates());

        Assert.Equal("m1", result[0].ItemId);
        Assert.Equal("m4", result[1].ItemId); // unlike m1 in meaning, so it passes m2 and m3
        Assert.True(Ids(result).ToList().IndexOf("m2") > 2, string.Join(",", Ids(result)));
    }

    [Fact]
    public async Task EmbeddingsOnly_OnAnIndexWithoutVectors_LeaveTheOrder_SayingWhy()
    {
        List<Candidate> result = await Run(Stage(new MmrRanker(), Films(), """{ "lambda": 0.5, "textFields": "", "vectorWeight": 1 }"""), Candidates());

        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6", "m7"], Ids(result));
        Assert.Contains(result[0].DebugLines, l => l.Contains("no embedding vectors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LambdaOne_LeavesTheListAsItIs()
    {
        List<Candidate> result = await Run(Stage(new MmrRanker(), Films(), """{ "lambda": 1 }"""), Candidates());

        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6", "m7"], Ids(result));
        Assert.All(result, c => Assert.Empty(c.Explanations));
    }

    [Fact]
    public async Task Depth_OnlyTheTopIsReordered_TheRestKeepsItsPlaces()
    {
        List<Candidate> candidates = [new("m1", 9), new("m2", 8), new("m4", 7), new("m3", 6), new("m5", 5), new("m7", 4)];

        List<Candidate> result = await Run(Stage(new MmrRanker(), Films(), """{ "lambda": 0.3, "depth": 3 }"""), candidates);

        Assert.Equal(["m1", "m4", "m2", "m3", "m5", "m7"], Ids(result));
        Assert.All(result.Skip(3), c => Assert.Empty(c.Features));
    }

    [Fact]
    public async Task RequestOverride_WithinBounds_IsUsed()
    {
        IRankerStage stage = Stage(new MmrRanker(), Films(), """{ "lambda": 0.5, "minLambda": 0.3, "maxLambda": 1 }""");

        List<Candidate> result = await Run(stage, Candidates(), Request(("mmr.lambda", "1")));

        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6", "m7"], Ids(result));
        Assert.Empty(((IRequestValidatingStage)stage).ValidateRequest(Request(("mmr.lambda", "1"))));
    }

    [Theory]
    [InlineData("0.1", "mmr.lambda must be between 0.3 and 1, got 0.1")]
    [InlineData("abc", "mmr.lambda must be a number between 0.3 and 1, got \"abc\"")]
    [InlineData("0,5", "mmr.lambda must be a number between 0.3 and 1, got \"0,5\"")]
    [InlineData("NaN", "mmr.lambda must be a number between 0.3 and 1, got \"NaN\"")]
    public void ValidateRequest_BadLambda_NamesTheBound(string value, string problem)
    {
        var stage = (IRequestValidatingStage)Stage(new MmrRanker(), Films(), """{ "lambda": 0.7, "minLambda": 0.3, "maxLambda": 1.0 }""");

        Assert.Equal([problem], stage.ValidateRequest(Request(("mmr.lambda", value))));
    }

    [Fact]
    public async Task ValidateRequest_UnknownKeyUnderThePrefix_IsAProblem_AndABadValueStillRunsWithTheConfiguredLambda()
    {
        var stage = (IRequestValidatingStage)Stage(new MmrRanker(), Films(), """{ "lambda": 0.5, "minLambda": 0.3 }""");

        Assert.Equal(["mmr.lamda is not an option of stage 'mmr' (it takes lambda)"], stage.ValidateRequest(Request(("mmr.lamda", "0.5"), ("other.x", "1"))));
        List<Candidate> result = await Run(stage, Candidates(), Request(("mmr.lambda", "0.1")));
        Assert.Equal("m4", result[1].ItemId); // lambda 0.5, as configured
    }

    [Fact]
    public async Task NameOption_IsThePrefixOfExplanationsFeaturesAndRequestKeys()
    {
        IRankerStage stage = Stage(new MmrRanker(), Films(), """{ "name": "diversify", "lambda": 0.5 }""");

        List<Candidate> result = await Run(stage, Candidates(), Request(("mmr.lambda", "1")));

        Assert.StartsWith("diversify: moved up", result[1].Explanations[0], StringComparison.Ordinal);
        Assert.True(result[1].Features.ContainsKey("diversify.maxSim"));
        Assert.NotEmpty(((IRequestValidatingStage)stage).ValidateRequest(Request(("diversify.lambda", "2"))));
    }

    [Fact]
    public async Task EmptyAndSingleLists_AreLeftAlone()
    {
        IRankerStage stage = Stage(new MmrRanker(), Films());

        Assert.Empty(await Run(stage, []));
        Assert.Equal(["m3"], Ids(await Run(stage, [new("m3", 1)])));
    }

    [Fact]
    public async Task ItemsUnknownToTheCatalogue_AreNamedByIdAndDoNotCrash()
    {
        var catalog = new FakeCatalog();
        List<Candidate> candidates = [new("x1", 3), new("x2", 2), new("x3", 1)];

        List<Candidate> result = await Run(Stage(new MmrRanker(), catalog, """{ "lambda": 0.5, "attributeFields": "category" }"""), candidates);

        Assert.Equal(["x1", "x2", "x3"], Ids(result)); // nothing is similar to anything: relevance order
    }

    [Fact]
    public void BadOptions_AreAllReportedAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => Stage(new MmrRanker(), Films(), """{ "lambda": 2, "depth": 0, "textFields": "", "positions": 0 }"""));

        Assert.Contains("maxLambda 1, got 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("depth must be at least 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("textFields or attributeFields", e.Message, StringComparison.Ordinal);
        Assert.Contains("positions must be at least 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("unknown option 'colour'", Assert.Throws<ArgumentException>(() => Stage(new MmrRanker(), Films(), """{ "colour": 1 }""")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRequestsCatalogue_IsReadRatherThanTheServices()
    {
        var newest = new FakeCatalog(); // the services' view knows none of the films
        var stage = new MmrRanker().CreateStage(System.Text.Json.JsonDocument.Parse("""{ "lambda": 0.5 }""").RootElement, new FakeServices(newest));

        List<Candidate> result = await Run(stage, Candidates(), Request() with { Items = Films() });

        Assert.Equal("m4", result[1].ItemId);
    }
}
