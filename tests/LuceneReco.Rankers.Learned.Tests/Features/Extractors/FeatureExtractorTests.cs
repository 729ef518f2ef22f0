using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Features.Extractors;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Features.Extractors;

/// <summary>The built-in extractors: what each writes, and that a value they do not have stays missing (absent), never 0.</summary>
public sealed class FeatureExtractorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 30, 0, TimeSpan.Zero); // a Tuesday

    private readonly CatalogServices _services = new(Now);

    private static RankingRequest Request(string? user = null, string? query = null, IReadOnlyList<string>? recent = null, Dictionary<string, string>? options = null) =>
        new(user, query, recent ?? [], 10, options ?? new Dictionary<string, string>());

    private void Run(IFeatureExtractor extractor, RankingRequest request, params Candidate[] candidates) =>
        extractor.Extract(new FeatureContext(request, _services), candidates);

    [Fact]
    public void Recall_StageScores_BecomeScoreFeatures_AndAbsentSourceStaysMissing()
    {
        var a = new Candidate("a", 1);
        a.StageScores["search"] = 7.5;
        a.StageScores["als"] = 0.25;
        var b = new Candidate("b", 1);
        b.StageScores["als"] = 0.5;
        Run(new RecallExtractor(), Request(), a, b);
        Assert.Equal(7.5, a.Features["score.search"]);
        Assert.Equal(0.25, a.Features["score.als"]);
        Assert.False(b.Features.ContainsKey("score.search"));
        Assert.Equal(0.5, b.Features["score.als"]);
    }

    [Fact]
    public void Text_Bm25_EqualsTheFormula_AndFieldlessItemIsMissing()
    {
        _services.Catalog.Add("a").Text("a", "title", "space station alpha")
            .Add("b").Text("b", "title", "ocean station")
            .Add("c").Text("c", "title", "garden party")
            .Add("d");
        var (a, b, c, d) = (new Candidate("a", 1), new Candidate("b", 1), new Candidate("c", 1), new Candidate("d", 1));
        Run(new TextExtractor(["title"], 1.2, 0.75), Request(query: "Space stations"), a, b, c, d);

        double avg = (3 + 2 + 2) / 3.0; // no field statistics: the candidates' mean
        int n = 4;
        double expectedA = TextExtractor.Bm25Idf(1, n) * TextExtractor.Bm25Tf(1, 3, avg, 1.2, 0.75)  // space
                         + TextExtractor.Bm25Idf(2, n) * TextExtractor.Bm25Tf(1, 3, avg, 1.2, 0.75); // station ("stations")
        Assert.Equal(expectedA, a.Features["bm25.title"], 12);
        Assert.Equal(TextExtractor.Bm25Idf(2, n) * TextExtractor.Bm25Tf(1, 2, avg, 1.2, 0.75), b.Features["bm25.title"], 12);
        Assert.True(a.Features["bm25.title"] > b.Features["bm25.title"]);
        Assert.Equal(0, c.Features["bm25.title"]); // has the field, no query word: a real 0
        Assert.True(a.Features["tfidf.title"] > b.Features["tfidf.title"]);
        Assert.Equal(3, a.Features["length.title"]);
        Assert.False(d.Features.ContainsKey("bm25.title"));   // no field: missing
        Assert.False(d.Features.ContainsKey("length.title"));
    }

    [Fact]
    public void Text_FieldStatistics_GiveTheAverageLength()
    {
        _services.Catalog.Add("a").Text("a", "title", "space station alpha");
        _services.Catalog.KnownAverageLength = 10;
        var a = new Candidate("a", 1);
        Run(new TextExtractor(["title"], 1.2, 0.75), Request(query: "space"), a);
        Assert.Equal(TextExtractor.Bm25Idf(1, 1) * TextExtractor.Bm25Tf(1, 3, 10, 1.2, 0.75), a.Features["bm25.title"], 12);
    }

    [Fact]
    public void Text_NoQuery_ScoresMissingButLengthWritten()
    {
        _services.Catalog.Add("a").Text("a", "title", "space station");
        var a = new Candidate("a", 1);
        Run(new TextExtractor(["title"], 1.2, 0.75), Request(), a);
        Assert.False(a.Features.ContainsKey("bm25.title"));
        Assert.False(a.Features.ContainsKey("tfidf.title"));
        Assert.Equal(2, a.Features["length.title"]);
    }

    [Fact]
    public void Popularity_CountsRecentAndTrend_UntouchedItemHasNoTrend()
    {
        _services.Catalog.Add("a").Add("b");
        _services.Events.Add("u1", "a", "click", 1, Now.AddDays(-1));
        _services.Events.Add("u2", "a", "click", 1, Now.AddDays(-3));
        _services.Events.Add("u3", "a", "click", 1, Now.AddDays(-30));
        _services.Events.Add("u3", "a", "click", 1, Now.AddDays(-40));
        var (a, b) = (new Candidate("a", 1), new Candidate("b", 1));
        Run(new PopularityExtractor(TimeSpan.FromDays(7), 1000), Request(), a, b);
        Assert.Equal(4, a.Features["pop.count"]);
        Assert.Equal(2, a.Features["pop.recent"]);
        Assert.Equal(0.5, a.Features["pop.trend"]);
        Assert.Equal(0, b.Features["pop.count"]);
        Assert.False(b.Features.ContainsKey("pop.trend"));
    }

    [Fact]
    public void Age_SecondsAndYears_InDays_NoFieldMissing()
    {
        _services.Catalog.Add("a").Number("a", "published", Now.AddDays(-10).ToUnixTimeSeconds()).Add("b").Number("b", "year", 2025);
        var (a, b) = (new Candidate("a", 1), new Candidate("b", 1));
        Run(new ItemAgeExtractor("published", AgeUnit.Seconds), Request(), a, b);
        Assert.Equal(10, a.Features["age.days"], 6);
        Assert.False(b.Features.ContainsKey("age.days"));
        Run(new ItemAgeExtractor("year", AgeUnit.Year), Request(), b);
        Assert.InRange(b.Features["age.days"], 510, 525); // from the middle of 2025 to 1 December 2026: about 517 days
    }

    [Fact]
    public void Numeric_CopiesValues_AbsentStaysMissing()
    {
        _services.Catalog.Add("a").Number("a", "price", 0).Add("b");
        var (a, b) = (new Candidate("a", 1), new Candidate("b", 1));
        Run(new NumericExtractor(["price"]), Request(), a, b);
        Assert.Equal(0, a.Features["num.price"]); // a real zero is kept
        Assert.False(b.Features.ContainsKey("num.price"));
    }

    [Fact]
    public void Overlap_ShareOfRecentItemsSharingAValue()
    {
        _services.Catalog.Add("h1", null, ("genres", ["Drama", "War"])).Add("h2", null, ("genres", ["Comedy"])).Add("h3", null, ("genres", ["Drama"]))
            .Add("a", null, ("genres", ["Drama"])).Add("b", null, ("genres", ["Horror"])).Add("c");
        var (a, b, c) = (new Candidate("a", 1), new Candidate("b", 1), new Candidate("c", 1));
        Run(new HistoryOverlapExtractor(["genres"], 50), Request("u", recent: ["h1", "h2", "h3"]), a, b, c);
        Assert.Equal(2 / 3.0, a.Features["overlap.genres"], 12);
        Assert.Equal(0, b.Features["overlap.genres"]);
        Assert.False(c.Features.ContainsKey("overlap.genres"));

        var fresh = new Candidate("a", 1);
        Run(new HistoryOverlapExtractor(["genres"], 50), Request("u"), fresh); // no history: missing
        Assert.False(fresh.Features.ContainsKey("overlap.genres"));
    }

    [Fact]
    public void Semantic_CosineWithTheTasteVector_AndWithTheNearestRecentItem()
    {
        // h1 (newest) points along x, h2 along y; the taste vector is (1, 0.5^0.2) normalised
        _services.Catalog.Add("h1").Vector("h1", 1, 0, 0).Add("h2").Vector("h2", 0, 1, 0).Add("h3")
            .Add("a").Vector("a", 1, 0, 0).Add("b").Vector("b", 0, 0, 1).Add("c");
        var (a, b, c) = (new Candidate("a", 1), new Candidate("b", 1), new Candidate("c", 1));
        Run(new SemanticExtractor(50), Request("u", recent: ["h1", "h3", "h2"]), a, b, c); // h3 has no vector: skipped, the decay counts it
        double w2 = Math.Pow(0.5, 0.2); // h2 is the third newest: weight 0.5^(2/10)
        double tasteX = 1 / Math.Sqrt(1 + w2 * w2);
        Assert.Equal(tasteX, a.Features[SemanticExtractor.History], 5);
        Assert.Equal(1, a.Features[SemanticExtractor.Nearest], 5);
        Assert.Equal(0, b.Features[SemanticExtractor.History], 5);
        Assert.Equal(0, b.Features[SemanticExtractor.Nearest], 5);
        Assert.False(c.Features.ContainsKey(SemanticExtractor.History)); // no vector yet: missing, not 0
        Assert.False(c.Features.ContainsKey(SemanticExtractor.Nearest));

        var anonymous = new Candidate("a", 1);
        Run(new SemanticExtractor(50), Request("u"), anonymous); // no history: missing
        Assert.Empty(anonymous.Features);
        var onlyUnembedded = new Candidate("a", 1);
        Run(new SemanticExtractor(50), Request("u", recent: ["h3"]), onlyUnembedded);
        Assert.Empty(onlyUnembedded.Features);
    }

    [Fact]
    public void Context_HourWeekdayAndKeys_NumbersAndIndicators()
    {
        var a = new Candidate("a", 1);
        Run(new ContextExtractor(["device", "temperature", "absent"]), Request(options: new() { ["device"] = "mobile", ["temperature"] = "21.5" }), a);
        Assert.Equal(15, a.Features["ctx.hour"]);
        Assert.Equal((int)DayOfWeek.Tuesday, a.Features["ctx.weekday"]);
        Assert.Equal(1, a.Features["ctx.device=mobile"]);
        Assert.Equal(21.5, a.Features["ctx.temperature"]);
        Assert.DoesNotContain(a.Features.Keys, k => k.StartsWith("ctx.absent", StringComparison.Ordinal));

        var b = new Candidate("b", 1);
        Run(new ContextExtractor([]), Request(options: new() { ["hour"] = "7" }), b);
        Assert.Equal(7, b.Features["ctx.hour"]);
    }

    [Fact]
    public void User_HistoryLengthAndRecency_AnonymousMissing()
    {
        _services.Events.Add("u", "x", "click", 1, Now.AddDays(-2));
        _services.Events.Add("u", "y", "click", 1, Now.AddDays(-5));
        var a = new Candidate("a", 1);
        Run(new UserExtractor(), Request("u"), a);
        Assert.Equal(2, a.Features["user.events"]);
        Assert.Equal(2, a.Features["user.daysSinceLast"], 9);

        var newcomer = new Candidate("a", 1);
        Run(new UserExtractor(), Request("nobody"), newcomer);
        Assert.Equal(0, newcomer.Features["user.events"]);
        Assert.False(newcomer.Features.ContainsKey("user.daysSinceLast"));

        var anonymous = new Candidate("a", 1);
        Run(new UserExtractor(), Request(), anonymous);
        Assert.Empty(anonymous.Features);
    }

    [Fact]
    public async Task FeaturesPlugin_Stage_WritesFeaturesAndKeepsOrderAndScores()
    {
        _services.Catalog.Add("a", "Alpha", ("category", ["x"])).Text("a", "title", "alpha").Number("a", "year", 2000)
            .Add("b", "Beta", ("category", ["y"])).Text("b", "title", "beta").Add("h", "History", ("category", ["x"]));
        var stage = new FeatureRanker().CreateStage(JsonDocument.Parse("""{"numericFields": "year", "ageField": "year", "ageUnit": "year"}""").RootElement, _services);
        List<Candidate> list = [new Candidate("b", 2), new Candidate("a", 1)];
        await stage.RerankAsync(Request("u", query: "alpha", recent: ["h"]), list, CancellationToken.None);
        Assert.Equal(["b", "a"], list.Select(c => c.ItemId));
        Assert.Equal([2.0, 1.0], list.Select(c => c.Score));
        var a = list[1];
        foreach (string key in new[] { "bm25.title", "tfidf.title", "length.title", "pop.count", "age.days", "num.year", "overlap.category", "ctx.hour", "user.events" })
            Assert.True(a.Features.ContainsKey(key), key);
        Assert.Equal(1, a.Features["overlap.category"]);
        Assert.Equal(0, list[0].Features["overlap.category"]);
        Assert.False(list[0].Features.ContainsKey("num.year"));
    }

    [Fact]
    public void FeaturesPlugin_BadOptions_ListsEveryProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => new FeatureRanker().CreateStage(
            JsonDocument.Parse("""{"extractors": "text,age,magic", "ageUnit": "weeks", "popularityDays": 0, "b": 2}""").RootElement, _services));
        Assert.Contains("unknown extractor \"magic\"", e.Message);
        Assert.Contains("extractor age needs ageField", e.Message);
        Assert.Contains("ageUnit must be seconds or year", e.Message);
        Assert.Contains("popularityDays must be", e.Message);
        Assert.Contains("b must be 0 to 1", e.Message);
    }

    [Theory]
    [InlineData("stations", "station", true)]
    [InlineData("played", "play", true)]
    [InlineData("station", "station", true)]
    [InlineData("stationary", "stat", false)]
    [InlineData("at", "a", false)]
    public void QueryWords_Matches_StemLikeEndings(string word, string term, bool matches) =>
        Assert.Equal(matches, QueryWords.Matches(word, term));
}
