using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Fairness.Calibration;
using LuceneReco.Rankers.Fairness.Tests.Support;

namespace LuceneReco.Rankers.Fairness.Tests.Calibration;

public sealed class CalibrationStageTests
{
    private static IRankerStage Stage(FakeServices services, string json = "{}")
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return new CalibrationRanker().CreateStage(doc.RootElement.Clone(), services);
    }

    /// <summary>User "u" watched 7 dramas and 3 comedies; candidates d0..d9 (Drama, best) then c0..c4 (Comedy).</summary>
    private static FakeServices DramaFan()
    {
        var s = new FakeServices("/nonexistent");
        for (int i = 0; i < 10; i++)
        {
            s.Catalog.Add("hd" + i, "Old drama " + i, ("category", "Drama"));
            s.Catalog.Add("d" + i, "Drama " + i, ("category", "Drama"));
        }
        for (int i = 0; i < 5; i++)
        {
            s.Catalog.Add("hc" + i, "Old comedy " + i, ("category", "Comedy"));
            s.Catalog.Add("c" + i, "Comedy " + i, ("category", "Comedy"));
        }
        for (int i = 0; i < 7; i++) s.Events.Add("u", "hd" + i);
        for (int i = 0; i < 3; i++) s.Events.Add("u", "hc" + i);
        return s;
    }

    private static List<Candidate> Candidates()
    {
        var list = new List<Candidate>();
        for (int i = 0; i < 10; i++) list.Add(new Candidate("d" + i, 20 - i));
        for (int i = 0; i < 5; i++) list.Add(new Candidate("c" + i, 10 - i));
        return list;
    }

    /// <summary>KL(p || q~) of the top 10 against p = (0.7 drama, 0.3 comedy), written out independently of the plugin.</summary>
    private static double TopTenKl(List<Candidate> list, double a = 0.01)
    {
        double comedy = list.Take(10).Count(c => c.ItemId.StartsWith('c')) / 10.0, drama = 1 - comedy;
        double Term(double p, double q) => p * Math.Log(p / ((1 - a) * q + a * p));
        return Term(0.7, drama) + Term(0.3, comedy);
    }

    [Fact]
    public void Rerank_HandExample_ReducesKlAgainstTheInputList_AndSaysWhy()
    {
        FakeServices services = DramaFan();
        List<Candidate> input = Candidates(), list = Candidates();
        Requests.Run(Stage(services, """{ "lambda": 0.5 }"""), Requests.For(10, user: "u"), list);
        double before = TopTenKl(input), after = TopTenKl(list);
        Assert.True(after < before / 5, $"KL {before} -> {after}");
        Assert.InRange(list.Take(10).Count(c => c.ItemId.StartsWith('c')), 1, 3);
        Candidate firstComedy = list.First(c => c.ItemId == "c0");
        int at = list.IndexOf(firstComedy) + 1;
        Assert.Contains($"calibration: moved up from 11 to {at} so the list has more Comedy, as in your history", firstComedy.Explanations);
        Assert.Equal(11, firstComedy.Features["calibration.from"]);
        Assert.Contains(list, c => c.Explanations.Any(e => e.StartsWith("calibration: moved down from", StringComparison.Ordinal)));
        Assert.Equal(after, list[9].Features["calibration.kl"], 9);
    }

    [Fact]
    public void Rerank_LambdaOne_MatchesTheHistoryMixExactly_LambdaZero_KeepsTheOrder()
    {
        FakeServices services = DramaFan();
        List<Candidate> calibrated = Candidates(), plain = Candidates();
        Requests.Run(Stage(services, """{ "lambda": 1 }"""), Requests.For(10, user: "u"), calibrated);
        Requests.Run(Stage(services, """{ "lambda": 0 }"""), Requests.For(10, user: "u"), plain);
        Assert.Equal(3, calibrated.Take(10).Count(c => c.ItemId.StartsWith('c')));
        Assert.Equal(Candidates().ConvertAll(c => c.ItemId), plain.ConvertAll(c => c.ItemId));
        Assert.All(plain, c => Assert.Empty(c.Explanations));
    }

    [Fact]
    public void Rerank_NoHistoryOrNoCategories_LeavesTheListAlone_NoCrash()
    {
        FakeServices services = DramaFan();
        IRankerStage stage = Stage(services);
        List<Candidate> anonymous = Candidates();
        Requests.Run(stage, Requests.For(10), anonymous);
        Assert.Equal(Candidates().ConvertAll(c => c.ItemId), anonymous.ConvertAll(c => c.ItemId));

        // Candidates missing from the catalogue or without a category field.
        services.Catalog.Add("bare", "Bare");
        var mixed = new List<Candidate> { new("ghost", 5), new("bare", 4), new("d0", 3), new("c0", 2) };
        Requests.Run(stage, Requests.For(4, user: "u"), mixed);
        Assert.Equal(4, mixed.Count);
        Assert.Contains(mixed, c => c.ItemId == "ghost");
    }

    [Fact]
    public void Rerank_WithoutStoredHistory_UsesTheRequestsRecentItems()
    {
        FakeServices services = DramaFan();
        var request = new RankingRequest(null, null, ["hc0", "hc1", "hd0"], 4, new Dictionary<string, string>());
        List<Candidate> list = Candidates();
        Requests.Run(Stage(services, """{ "lambda": 0.9 }"""), request, list);
        Assert.True(list.Take(4).Count(c => c.ItemId.StartsWith('c')) >= 2, string.Join(",", list.ConvertAll(c => c.ItemId)));
    }

    [Fact]
    public void ValidateRequest_LambdaOverride_IsBounded()
    {
        FakeServices services = DramaFan();
        var bounded = (IRequestValidatingStage)Stage(services, """{ "minLambda": 0.2, "maxLambda": 0.8 }""");
        Assert.Empty(bounded.ValidateRequest(Requests.For(10, options: ("calibration.lambda", "0.5"))));
        Assert.Equal(["calibration.lambda must be between 0.2 and 0.8, got 0.9"], bounded.ValidateRequest(Requests.For(10, options: ("calibration.lambda", "0.9"))));
        var fixedLambda = (IRequestValidatingStage)Stage(services);
        Assert.Single(fixedLambda.ValidateRequest(Requests.For(10, options: ("calibration.lambda", "0.5"))));

        // An accepted override changes the result: 0.2 keeps more dramas on top than 0.8.
        List<Candidate> low = Candidates(), high = Candidates();
        Requests.Run(bounded, Requests.For(10, user: "u", options: ("calibration.lambda", "0.2")), low);
        Requests.Run(bounded, Requests.For(10, user: "u", options: ("calibration.lambda", "0.8")), high);
        Assert.True(TopTenKl(high) <= TopTenKl(low));
        Assert.NotEqual(low.ConvertAll(c => c.ItemId), high.ConvertAll(c => c.ItemId));
    }

    [Theory]
    [InlineData("""{ "lambda": 1.5 }""")]
    [InlineData("""{ "smoothing": 0 }""")]
    [InlineData("""{ "minLambda": 0.2 }""")]
    [InlineData("""{ "k": 0, "maxHistory": 0 }""")]
    public void CreateStage_BadOptions_Throws(string json) =>
        Assert.ThrowsAny<ArgumentException>(() => Stage(new FakeServices("/nonexistent"), json));
}
