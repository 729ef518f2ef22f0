using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Fairness.Fair;
using LuceneReco.Rankers.Fairness.Tests.Support;

namespace LuceneReco.Rankers.Fairness.Tests.Fair;

public sealed class FairStageTests
{
    private static IRankerStage Stage(FakeServices services, string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return new FairRanker().CreateStage(doc.RootElement.Clone(), services);
    }

    /// <summary>Ten items c0..c9 by score; c7, c8 and c9 are from the protected provider "indie".</summary>
    private static FakeServices TenItems()
    {
        var s = new FakeServices("/nonexistent");
        for (int i = 0; i < 10; i++) s.Catalog.Add("c" + i, "Title " + i, ("provider", i >= 7 ? "indie" : "big"));
        return s;
    }

    [Fact]
    public void Rerank_HandExample_MovesProtectedUpAtTheTableSteps_AndSaysWhy()
    {
        FakeServices services = TenItems();
        // p = 0.5, alpha = 0.1 unadjusted: m = 0,0,0,1,1,1,2,2,3,3.
        IRankerStage stage = Stage(services, """{ "protectedValues": "indie", "p": 0.5, "alpha": 0.1, "adjust": false }""");
        List<Candidate> list = Requests.Candidates(10);
        Requests.Run(stage, Requests.For(10), list);

        Assert.Equal(["c0", "c1", "c2", "c7", "c3", "c4", "c8", "c5", "c9", "c6"], list.ConvertAll(c => c.ItemId));
        Candidate c7 = list[3];
        Assert.Contains("fair: moved up from 8 to 4 so the top 4 holds the minimum of 1 item from the protected group", c7.Explanations);
        Assert.Equal(8, c7.Features["fair.from"]);
        Assert.Equal(4, c7.Features["fair.to"]);
        Assert.Equal(1, c7.Features["fair.minimum"]);
        Assert.Equal(1, c7.Features["fair.group"]);
        Assert.Contains("fair: moved up from 9 to 7 so the top 7 holds the minimum of 2 items from the protected group", list[6].Explanations);
        Assert.Contains("fair: moved down from 4 to 5 to make room for Title 7 from the protected group", list[4].Explanations);
        Assert.Contains("fair: moved down from 7 to 10 to make room for Title 7 from the protected group, Title 8 from the protected group and 1 more", list[9].Explanations);
        Assert.Empty(list[0].Explanations); // unmoved items get no line
        Assert.False(list[0].Features.ContainsKey("fair.group"), "unprotected items carry no group feature");
    }

    [Fact]
    public void Rerank_CandidatesWithoutTheAttribute_AreUnprotected_NoCrash()
    {
        var services = new FakeServices("/nonexistent");
        services.Catalog.Add("a", "A", ("provider", "indie"));
        services.Catalog.Add("b", null); // no provider field
        // "ghost" is not in the catalogue at all
        IRankerStage stage = Stage(services, """{ "protectedValues": "indie", "p": 0.9, "alpha": 0.4, "adjust": false }""");
        var list = new List<Candidate> { new("ghost", 3), new("b", 2), new("a", 1) };
        Requests.Run(stage, Requests.For(3), list);
        Assert.Equal("a", list[0].ItemId);
        Assert.False(list[1].Features.ContainsKey("fair.group"));
        Assert.False(list[2].Features.ContainsKey("fair.group"));
        Assert.Contains(list, c => c.Explanations.Any(e => e.Contains("make room for A", StringComparison.Ordinal)));
    }

    [Fact]
    public void Rerank_NumericThreshold_ProtectsItemsBelowIt_AndIgnoresItemsWithoutTheNumber()
    {
        var services = new FakeServices("/nonexistent");
        for (int i = 0; i < 6; i++) services.Catalog.Add("c" + i, "T" + i);
        services.Catalog.SetNumber("c5", "popularity", 3);
        services.Catalog.SetNumber("c0", "popularity", 900);
        IRankerStage stage = Stage(services, """{ "field": "popularity", "threshold": 10, "p": 0.9, "alpha": 0.3, "adjust": false }""");
        List<Candidate> list = Requests.Candidates(6);
        Requests.Run(stage, Requests.For(6), list);
        Assert.Equal("c5", list[0].ItemId);
        Assert.Equal(1, list[0].Features["fair.group"]);
        Assert.False(list.Find(c => c.ItemId == "c3")!.Features.ContainsKey("fair.group"));
    }

    [Fact]
    public void Rerank_RequestShare_ChangesTheTable()
    {
        FakeServices services = TenItems();
        IRankerStage stage = Stage(services, """{ "protectedValues": "indie", "p": 0.1, "alpha": 0.1, "minP": 0.05, "maxP": 0.6 }""");
        List<Candidate> low = Requests.Candidates(10), high = Requests.Candidates(10);
        Requests.Run(stage, Requests.For(10), low);
        Requests.Run(stage, Requests.For(10, options: ("fair.p", "0.6")), high);
        Assert.Equal("c0,c1,c2,c3,c4,c5,c6,c7,c8,c9", string.Join(",", low.ConvertAll(c => c.ItemId)));
        Assert.True(high.FindIndex(c => c.ItemId == "c7") < 7, string.Join(",", high.ConvertAll(c => c.ItemId)));
    }

    [Fact]
    public void ValidateRequest_OutOfBoundsOrUnknownOrNotAllowed_ListsEveryProblem()
    {
        FakeServices services = TenItems();
        var bounded = (IRequestValidatingStage)Stage(services, """{ "protectedValues": "indie", "minP": 0.2, "maxP": 0.6 }""");
        Assert.Empty(bounded.ValidateRequest(Requests.For(10, options: ("fair.p", "0.4"))));
        IReadOnlyList<string> problems = bounded.ValidateRequest(Requests.For(10, options: ("fair.p", "0.9")));
        Assert.Equal(["fair.p must be between 0.2 and 0.6, got 0.9"], problems);
        Assert.Single(bounded.ValidateRequest(Requests.For(10, options: ("fair.p", "lots"))));
        Assert.Single(bounded.ValidateRequest(Requests.For(10, options: ("fair.p.indie", "0.3"))));

        var fixedShare = (IRequestValidatingStage)Stage(services, """{ "protectedValues": "indie" }""");
        Assert.Contains("cannot be set", Assert.Single(fixedShare.ValidateRequest(Requests.For(10, options: ("fair.p", "0.4")))), StringComparison.Ordinal);

        var multi = (IRequestValidatingStage)Stage(services, """{ "groups": "indie=0.2,local=0.2", "minP": 0.1, "maxP": 0.7 }""");
        Assert.Empty(multi.ValidateRequest(Requests.For(10, options: ("fair.p.indie", "0.3"))));
        Assert.Equal(2, multi.ValidateRequest(Requests.For(10, options: [("fair.p.nope", "0.3"), ("fair.p.local", "0.05")])).Count);
        Assert.Contains("add up to at most 1", Assert.Single(multi.ValidateRequest(Requests.For(10, options: [("fair.p.indie", "0.6"), ("fair.p.local", "0.6")]))), StringComparison.Ordinal);
    }

    [Fact]
    public void Rerank_TwoGroups_EachGetsItsMinimum()
    {
        var services = new FakeServices("/nonexistent");
        for (int i = 0; i < 30; i++)
            services.Catalog.Add("c" + i, "T" + i, ("provider", i >= 24 ? (i % 2 == 0 ? "indie" : "local") : "big"));
        IRankerStage stage = Stage(services, """{ "groups": "indie=0.3,local=0.3", "alpha": 0.1 }""");
        List<Candidate> list = Requests.Candidates(30);
        Requests.Run(stage, Requests.For(20), list);
        MTable table = MTableAdjuster.Adjust(20, 0.3, 0.05).Table;
        int indie = 0, local = 0;
        for (int i = 1; i <= 20; i++)
        {
            string provider = services.Catalog.Fields(list[i - 1].ItemId)["provider"][0];
            if (provider == "indie") indie++;
            if (provider == "local") local++;
            Assert.True(indie >= table.MinimumAt(i) && local >= table.MinimumAt(i), $"top {i}: indie {indie}, local {local}, need {table.MinimumAt(i)}");
        }
        Assert.Contains(list, c => c.Explanations.Any(e => e.Contains("from the 'local' group", StringComparison.Ordinal)));
        Assert.True(table.MinimumAt(20) >= 2, "the example must actually constrain");
    }

    [Theory]
    [InlineData("""{ "p": 0.5 }""")]
    [InlineData("""{ "protectedValues": "a", "threshold": 3 }""")]
    [InlineData("""{ "protectedValues": "a", "p": 1.5, "alpha": 0 }""")]
    [InlineData("""{ "groups": "a=0.7,b=0.6" }""")]
    [InlineData("""{ "groups": "a" }""")]
    [InlineData("""{ "protectedValues": "a", "minP": 0.2 }""")]
    [InlineData("""{ "protectedValues": "a", "k": 0 }""")]
    [InlineData("""{ "protectedValues": "a", "colour": "red" }""")]
    public void CreateStage_BadOptions_Throws(string json) =>
        Assert.ThrowsAny<ArgumentException>(() => Stage(new FakeServices("/nonexistent"), json));

    [Fact]
    public void CreateStage_SeveralProblems_AreReportedTogether()
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Stage(new FakeServices("/nonexistent"), """{ "protectedValues": "a", "p": 2, "alpha": 3 }"""));
        Assert.Contains("p must", e.Message, StringComparison.Ordinal);
        Assert.Contains("alpha must", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rerank_SeededRandomLists_EveryMovedItemHasOneLine_AndMovedDownLinesCountTheItemsThatJumpedIt()
    {
        int seed = TestSeed.Next();
        var rng = new Random(seed);
        for (int t = 0; t < 150; t++)
        {
            var services = new FakeServices("/nonexistent");
            int n = rng.Next(1, 80);
            for (int i = 0; i < n; i++)
            {
                int draw = rng.Next(10);
                services.Catalog.Add("c" + i, "T" + i, ("provider", draw < 2 ? "indie" : draw < 3 ? "local" : "big"));
            }
            string json = t % 2 == 0
                ? """{ "protectedValues": "indie", "p": 0.6, "alpha": 0.1 }"""
                : """{ "groups": "indie=0.3,local=0.3", "alpha": 0.1 }""";
            List<Candidate> list = Requests.Candidates(n);
            Requests.Run(Stage(services, json), Requests.For(rng.Next(1, n + 1)), list);
            string where = $"case {t}, {TestSeed.Describe(seed)}";
            for (int i = 0; i < n; i++)
            {
                Candidate c = list[i];
                int from = int.Parse(c.ItemId[1..], System.Globalization.CultureInfo.InvariantCulture) + 1;
                if (from == i + 1)
                {
                    Assert.True(c.Explanations.Count == 0, where);
                    continue;
                }
                string line = Assert.Single(c.Explanations);
                Assert.Equal(from, c.Features["fair.from"]);
                Assert.Equal(i + 1, c.Features["fair.to"]);
                if (from < i + 1)
                {
                    Assert.StartsWith($"fair: moved down from {from} to {i + 1} to make room for ", line, StringComparison.Ordinal);
                    int named = line.Split(" from the ").Length - 1;
                    var more = System.Text.RegularExpressions.Regex.Match(line, @" and (\d+) more$");
                    int jumped = named + (more.Success ? int.Parse(more.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
                    int actual = list.Take(i).Count(u => int.Parse(u.ItemId[1..], System.Globalization.CultureInfo.InvariantCulture) + 1 > from);
                    Assert.True(jumped == actual, $"{line}: {actual} items jumped it; {where}");
                }
                else
                {
                    Assert.StartsWith($"fair: moved up from {from} to {i + 1} so the top {i + 1} holds the minimum of ", line, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Rerank_FewerCandidatesThanK_AppliesThePrefixesOfTheTableForK()
    {
        var services = new FakeServices("/nonexistent");
        for (int i = 0; i < 12; i++) services.Catalog.Add("c" + i, "T" + i, ("provider", i >= 8 ? "indie" : "big"));
        IRankerStage stage = Stage(services, """{ "protectedValues": "indie", "p": 0.6, "alpha": 0.1, "k": 50 }""");
        List<Candidate> list = Requests.Candidates(12);
        Requests.Run(stage, Requests.For(10), list);
        MTable table = MTableAdjuster.Adjust(50, 0.6, 0.1).Table;
        int seen = 0;
        for (int i = 1; i <= 12; i++)
        {
            if (list[i - 1].Features.ContainsKey("fair.group")) seen++;
            Assert.True(seen >= Math.Min(table.MinimumAt(i), 4), $"top {i} holds {seen}, table asks {table.MinimumAt(i)}");
        }
        Assert.True(table.MinimumAt(12) >= 2, "the example must constrain");
        Assert.NotEqual("c0,c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11", string.Join(",", list.ConvertAll(c => c.ItemId)));
    }
}
