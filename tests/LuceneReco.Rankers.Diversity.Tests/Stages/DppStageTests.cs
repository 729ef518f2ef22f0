using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Tests.Support;
using static LuceneReco.Rankers.Diversity.Tests.Stages.StageFixture;

namespace LuceneReco.Rankers.Diversity.Tests.Stages;

public sealed class DppStageTests
{
    private static string[] Ids(List<Candidate> candidates) => [.. candidates.Select(c => c.ItemId)];

    [Fact]
    public void Plugin_IsPublicWithAParameterlessConstructor_AndNamedDpp()
    {
        IRankerPlugin plugin = Activator.CreateInstance<DppRanker>();

        Assert.Equal("dpp", plugin.Name);
        Assert.False(string.IsNullOrWhiteSpace(plugin.Description));
    }

    [Fact]
    public async Task LowTheta_SpreadsTheAlienFilms_EachMoveExplainedInWords()
    {
        List<Candidate> result = await Run(Stage(new DppRanker(), Films(), """{ "theta": 0.2 }"""), Candidates());

        Assert.Equal("m1", result[0].ItemId);
        int m2 = Ids(result).ToList().IndexOf("m2");
        Assert.True(m2 > 1, $"m2 at {m2 + 1}: {string.Join(", ", Ids(result))}");
        Assert.Contains(result, c => c.Explanations.Any(e => e.StartsWith("dpp: moved down from 2 to ", StringComparison.Ordinal) && e.EndsWith("already above it", StringComparison.Ordinal)));
        Assert.All(result.Where(c => c.Features.ContainsKey("dpp.moved")), c => Assert.Single(c.Explanations));
        Assert.All(result, c => Assert.True(c.Features["dpp.gain"] > 0));
        AssertNoArithmetic(result);
    }

    [Fact]
    public async Task HigherTheta_MovesFewerItems()
    {
        static int Moved(List<Candidate> c) => c.Count(x => x.Features.ContainsKey("dpp.moved"));

        int low = Moved(await Run(Stage(new DppRanker(), Films(), """{ "theta": 0.1 }"""), Candidates()));
        int high = Moved(await Run(Stage(new DppRanker(), Films(), """{ "theta": 0.95 }"""), Candidates()));

        Assert.True(low > high, $"theta 0.1 moved {low}, theta 0.95 moved {high}");
    }

    [Fact]
    public async Task Window_AndPositions_RunThroughThePlugin()
    {
        List<Candidate> result = await Run(Stage(new DppRanker(), Films(), """{ "theta": 0.5, "window": 3, "positions": 4 }"""), Candidates());

        Assert.Equal(["m1", "m2", "m4", "m3", "m5", "m6", "m7"], Ids(result));
        Assert.Equal(["dpp: moved down from 3 to 4: too close to \"Alien\", already above it"], result[3].Explanations);
        Assert.False(result[4].Features.ContainsKey("dpp.gain")); // after the 4 positions: relevance order, not picked
    }

    [Fact]
    public async Task DuplicateItems_StopTheGreedy_TheRestFollowsByRelevance()
    {
        var catalog = new FakeCatalog().Add("a", ("body", "alien ship")).Add("b", ("body", "alien ship")).Add("c", ("body", "paris love"));

        List<Candidate> result = await Run(Stage(new DppRanker(), catalog, """{ "textFields": "body" }"""), [new("a", 3), new("b", 2), new("c", 1)]);

        Assert.Equal(["a", "c", "b"], Ids(result));
        Assert.Equal(["dpp: moved down from 2 to 3: too close to \"a\", already above it"], result[2].Explanations); // no title field stored: the id
    }

    [Theory]
    [InlineData("1", "dpp.theta must be between 0.2 and 0.9, got 1")]
    [InlineData("", "dpp.theta must be a number between 0.2 and 0.9, got \"\"")]
    public void ValidateRequest_BadTheta_NamesTheBound(string value, string problem)
    {
        var stage = (IRequestValidatingStage)Stage(new DppRanker(), Films(), """{ "theta": 0.5, "minTheta": 0.2, "maxTheta": 0.9 }""");

        Assert.Equal([problem], stage.ValidateRequest(Request(("dpp.theta", value))));
        Assert.Empty(stage.ValidateRequest(Request(("dpp.theta", "0.9"))));
    }

    [Fact]
    public void BadOptions_AreAllReportedAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => Stage(new DppRanker(), Films(), """{ "theta": 1, "maxTheta": 1, "window": 1, "epsilon": -1 }"""));

        Assert.Contains("maxTheta must be at least 0 and below 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("window must be at least 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("epsilon must be", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyList_AndItemsWithoutText_DoNotCrash()
    {
        IRankerStage stage = Stage(new DppRanker(), new FakeCatalog());

        Assert.Empty(await Run(stage, []));
        Assert.Equal(["x", "y"], Ids(await Run(stage, [new("x", double.NaN), new("y", 1)]))); // orthogonal: relevance order, NaN counts as the least
    }
}
