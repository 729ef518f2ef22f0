using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Tests.Support;
using static LuceneReco.Rankers.Diversity.Tests.Stages.StageFixture;

namespace LuceneReco.Rankers.Diversity.Tests.Stages;

public sealed class DiversityCapsStageTests
{
    private static string[] Ids(List<Candidate> candidates) => [.. candidates.Select(c => c.ItemId)];

    [Fact]
    public void Plugin_IsPublicWithAParameterlessConstructor_AndNamedDiversityCaps()
    {
        IRankerPlugin plugin = Activator.CreateInstance<DiversityCapsRanker>();

        Assert.Equal("diversity-caps", plugin.Name);
        Assert.False(string.IsNullOrWhiteSpace(plugin.Description));
    }

    [Fact]
    public async Task Cap_HoldsTheThirdFoxFilmBack_AndSaysSo()
    {
        List<Candidate> result = await Run(Stage(new DiversityCapsRanker(), Films(), """{ "caps": "provider:2/4" }"""), Candidates());

        Assert.Equal(["m1", "m2", "m4", "m5", "m3", "m6", "m7"], Ids(result));
        Assert.Equal(["diversity-caps: moved up from 4 to 3: items above it with provider Fox (at most 2 in the top 4) were held back"], result[2].Explanations);
        Assert.Equal(["diversity-caps: moved down from 3 to 5: the top 4 already has 2 items with provider Fox"], result[4].Explanations);
        Assert.Equal(-2, result[4].Features["diversity-caps.moved"]);
        AssertNoArithmetic(result);
    }

    [Fact]
    public async Task Coverage_PullsNewCategoriesUp_AndSaysWhich()
    {
        List<Candidate> result = await Run(Stage(new DiversityCapsRanker(), Films(), """{ "coverage": "category:3/4" }"""), Candidates());

        Assert.Equal(["m1", "m2", "m4", "m5", "m3", "m6", "m7"], Ids(result));
        Assert.Equal(["diversity-caps: moved up from 4 to 3: adds a second category (Comedy) to the top 4"], result[2].Explanations);
        Assert.Equal(["diversity-caps: moved up from 5 to 4: adds a third category (Drama) to the top 4"], result[3].Explanations);
        Assert.Equal(["diversity-caps: moved down from 3 to 5: made room for an item that adds a second category (Comedy) to the top 4"], result[4].Explanations);
        AssertNoArithmetic(result);
    }

    [Fact]
    public async Task RequestOverride_TightensTheCap_WithinTheBounds()
    {
        var stage = (IRequestValidatingStage)Stage(new DiversityCapsRanker(), Films(), """{ "caps": "provider:2/4" }""");

        List<Candidate> result = await Run(stage, Candidates(), Request(("diversity-caps.cap.provider", "1")));

        Assert.Equal(["m1", "m4", "m5", "m6", "m2", "m3", "m7"], Ids(result));
        Assert.Empty(stage.ValidateRequest(Request(("diversity-caps.cap.provider", "1"))));
    }

    [Theory]
    [InlineData("diversity-caps.cap.provider", "9", "diversity-caps.cap.provider must be between 1 and 4, got 9")]
    [InlineData("diversity-caps.cap.provider", "two", "diversity-caps.cap.provider must be a whole number between 1 and 4, got \"two\"")]
    [InlineData("diversity-caps.coverage.category", "6", "diversity-caps.coverage.category must be between 0 and 5, got 6")]
    [InlineData("diversity-caps.cap.colour", "1", "diversity-caps.cap.colour is not an option of stage 'diversity-caps' (it takes cap.{field} for provider and coverage.{field} for category)")]
    public void ValidateRequest_BadOverride_NamesTheBound(string key, string value, string problem)
    {
        var stage = (IRequestValidatingStage)Stage(new DiversityCapsRanker(), Films(), """{ "caps": "provider:2/4", "coverage": "category:2/5" }""");

        Assert.Equal([problem], stage.ValidateRequest(Request((key, value))));
    }

    [Fact]
    public async Task CandidatesWithoutTheAttribute_AreGroupsOfTheirOwn_AndDoNotCrash()
    {
        var catalog = new FakeCatalog().Add("a", ("provider", "Fox")).Add("b", ("provider", "Fox")).Add("c").Add("d", ("provider", "Fox"));
        List<Candidate> candidates = [new("a", 5), new("b", 4), new("c", 3), new("ghost", 2), new("d", 1)];

        List<Candidate> result = await Run(Stage(new DiversityCapsRanker(), catalog, """{ "caps": "provider:1/4" }"""), candidates);

        // b and d both break the cap at place 4; nothing else is left, so the better of them takes it and nothing is lost
        Assert.Equal(["a", "c", "ghost", "b", "d"], Ids(result));
        Assert.Equal(["diversity-caps: moved down from 2 to 4: the top 4 already has an item with provider Fox"], result[3].Explanations);
        Assert.Empty(result[4].Explanations);
    }

    [Fact]
    public async Task EmptyList_IsLeftAlone()
    {
        Assert.Empty(await Run(Stage(new DiversityCapsRanker(), Films(), """{ "caps": "provider:2/4" }"""), []));
    }

    [Fact]
    public void BadOptions_AreAllReportedAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => Stage(new DiversityCapsRanker(), Films(), """{ "caps": "provider:0/10, category", "coverage": "category:2" }"""));

        Assert.Contains("caps: in \"provider:0/10\" the count must be a whole number at least 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("caps: \"category\" is not field:count", e.Message, StringComparison.Ordinal);
        Assert.Contains("coverage: \"category:2\" must say within how many places", e.Message, StringComparison.Ordinal);
        Assert.Contains("caps or coverage", Assert.Throws<ArgumentException>(() => Stage(new DiversityCapsRanker(), Films())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeededRandomRun_CapsAndCoverageHoldOnEveryList_ThroughThePlugin()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        string[] providers = ["p0", "p1", "p2", "p3", "p4", "p5"], categories = ["c0", "c1", "c2", "c3"];
        IRankerStage stage = null!;
        for (int run = 0; run < 100; run++)
        {
            var catalog = new FakeCatalog();
            int n = random.Next(12, 60);
            var candidates = new List<Candidate>();
            for (int i = 0; i < n; i++)
            {
                // a skewed provider mix (half from p0) and a few items with no category
                string provider = random.Next(2) == 0 ? "p0" : providers[random.Next(providers.Length)];
                if (random.Next(8) == 0) catalog.Add("i" + i, ("provider", provider));
                else catalog.Add("i" + i, ("provider", provider), ("category", categories[random.Next(random.Next(1, 4))]));
                candidates.Add(new Candidate("i" + i, n - i));
            }
            stage = Stage(new DiversityCapsRanker(), catalog, """{ "caps": "provider:3/10", "coverage": "category:2/5" }""");

            List<Candidate> result = await Run(stage, candidates);

            string Provider(Candidate c) => catalog.Fields(c.ItemId)["provider"][0];
            var top10 = result.Take(10).GroupBy(Provider).ToList();
            bool capFeasible = candidates.GroupBy(Provider).Sum(g => Math.Min(g.Count(), 3)) >= 10;
            Assert.True(!capFeasible || top10.All(g => g.Count() <= 3), $"run {run}: {string.Join(",", result.Take(10).Select(Provider))}; {TestSeed.Describe(seed)}");
            string Category(Candidate c) => catalog.Fields(c.ItemId).TryGetValue("category", out var v) ? v[0] : "none:" + c.ItemId;
            var top5 = result.Take(5).Select(Category).Distinct().ToList();
            // Caps win over coverage: one category is acceptable only when every item of another category has a provider that is full.
            bool coverageBlocked = top5.Count == 1 && result.Skip(5).Where(c => Category(c) != top5[0])
                .All(c => result.Take(4).Count(a => Provider(a) == Provider(c)) >= 3);
            Assert.True(top5.Count >= 2 || coverageBlocked, $"run {run}: one category in the top 5; {TestSeed.Describe(seed)}");
            Assert.Equal(n, result.Select(c => c.ItemId).Distinct().Count());
            AssertNoArithmetic(result);
        }
    }
}
