using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Offline;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Host.Tests.Offline;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>Reserved places for new items: which positions, which items, what stays put; the setting's validation; a whole pipeline.</summary>
public sealed class NewItemSlotsTests
{
    /// <summary>Warm items w01.. by descending score, then new items (ids starting with n) with the given profile ranks.</summary>
    private static List<Candidate> Ranking(int warm, params (string Id, int ProfileRank)[] fresh)
    {
        var list = new List<Candidate>();
        for (int i = 0; i < warm; i++)
        {
            var c = new Candidate($"w{i + 1:00}", 100 - i);
            if (i % 3 == 0) c.Features["profile.rank"] = 50 + i; // some warm items came from the profile too
            list.Add(c);
        }
        for (int i = 0; i < fresh.Length; i++)
        {
            var c = new Candidate(fresh[i].Id, 10 - i);
            c.Features["profile.rank"] = fresh[i].ProfileRank;
            list.Add(c);
        }
        return list;
    }

    private static bool IsNew(string id) => id.StartsWith('n');

    [Fact]
    public void Apply_PutsTheBestNewItemsOfTheSource_AtEveryNthPosition_AndKeepsTheRestInOrder()
    {
        var ranked = Ranking(12, ("n-late", 9), ("n-best", 2), ("n-mid", 4));
        int moved = new NewItemSlots { Every = 5 }.Apply(ranked, 12, IsNew);

        Assert.Equal(2, moved);
        Assert.Equal(["w01", "w02", "w03", "w04", "n-best", "w05", "w06", "w07", "w08", "n-mid", "w09", "w10", "w11", "w12", "n-late"],
            ranked.Select(c => c.ItemId));
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Score >= p.Second.Score), "scores stay ordered");
        Assert.Equal(96, ranked[4].Score); // the score of the item it displaced (w05)
        Assert.Equal(9, ranked[4].StageScores[NewItemSlots.StageName]); // its own score before placing
        Assert.Contains("new-items: new here: shown so it can be discovered before anyone has chosen it", ranked[4].Explanations);
        Assert.Contains(ranked[4].DebugLines, e => e.StartsWith("new-items: not known to the collaborative models; placed at 5 (one place in every 5", StringComparison.Ordinal)
            && e.EndsWith("profile rank 2", StringComparison.Ordinal));
        Assert.Empty(ranked[0].Explanations);
    }

    [Fact]
    public void Apply_ANewItemAlreadyHoldingAReservedPlace_KeepsIt()
    {
        var ranked = Ranking(3, ("n-merit", 30));
        ranked.Insert(1, ranked[^1]);
        ranked.RemoveAt(ranked.Count - 1);
        ranked[1].Score = 99.5;
        ranked.AddRange(Ranking(0, ("n-other", 1)));
        Assert.Equal(["w01", "n-merit", "w02", "w03", "n-other"], ranked.Select(c => c.ItemId));

        int moved = new NewItemSlots { Every = 2 }.Apply(ranked, 5, IsNew);

        Assert.Equal(1, moved);
        Assert.Equal(["w01", "n-merit", "w02", "n-other", "w03"], ranked.Select(c => c.ItemId));
        Assert.DoesNotContain(ranked[1].Explanations, e => e.StartsWith("new-items", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_LeavesTheListAlone_WhenNothingQualifies()
    {
        var fewerThanEvery = Ranking(3, ("n1", 1));
        Assert.Equal(0, new NewItemSlots { Every = 5 }.Apply(fewerThanEvery, 10, IsNew));
        Assert.Equal(["w01", "w02", "w03", "n1"], fewerThanEvery.Select(c => c.ItemId));

        var kBelowEvery = Ranking(10, ("n1", 1));
        Assert.Equal(0, new NewItemSlots { Every = 5 }.Apply(kBelowEvery, 4, IsNew));

        var newButNotFromTheSource = Ranking(10);
        newButNotFromTheSource.Add(new Candidate("n-search-only", 1));
        Assert.Equal(0, new NewItemSlots { Every = 5 }.Apply(newButNotFromTheSource, 10, IsNew));
        Assert.Equal("n-search-only", newButNotFromTheSource[^1].ItemId);
    }

    [Fact]
    public void ApplyMatched_GivesTheSourcesOwnTopKNewItems_PlacesSpreadOverTheLowerHalf()
    {
        // 20 warm items, then new items: n-a, n-b and n-c are within the profile's first 20, n-out is not
        var ranked = Ranking(20, ("n-c", 17), ("n-a", 3), ("n-out", 25), ("n-b", 8));
        int moved = new NewItemSlots { Match = true }.Apply(ranked, 20, IsNew);

        Assert.Equal(3, moved);
        var top = ranked.Take(20).Select(c => c.ItemId).ToList();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"w{i:00}"), top.Take(10)); // the first half is the models' alone
        // from 11 to 20, 10 places for 3 items: 11, 14 and 17, best profile rank first
        Assert.Equal("n-a", top[10]);
        Assert.Equal("n-b", top[13]);
        Assert.Equal("n-c", top[16]);
        Assert.DoesNotContain("n-out", top);
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Score >= p.Second.Score), "scores stay ordered");
        Assert.Contains(ranked[10].DebugLines, e => e.Contains("placed at 11 (profile rank 3 is within its first 20", StringComparison.Ordinal));
        Assert.Equal(24, ranked.Count); // nothing lost
    }

    [Fact]
    public void ApplyMatched_ANewItemAboveFrom_Stays_AndTooManyTakeTheLastPlaces()
    {
        var ranked = Ranking(6, ("n-merit", 1), ("n1", 2), ("n2", 3), ("n3", 4));
        ranked.Insert(1, ranked[6]); // n-merit already at position 2 on its own merit
        ranked.RemoveAt(7);
        int moved = new NewItemSlots { Match = true, From = 5 }.Apply(ranked, 6, IsNew);

        Assert.Equal(3, moved);
        // three to place from 5 in a list of 6 leaves room for two: they take the last three places, 4 to 6
        Assert.Equal(["w01", "n-merit", "w02", "n1", "n2", "n3"], ranked.Take(6).Select(c => c.ItemId));
        Assert.DoesNotContain(ranked[1].Explanations, e => e.StartsWith("new-items", StringComparison.Ordinal));

        var noneInTheTopK = Ranking(10, ("n-far", 40));
        Assert.Equal(0, new NewItemSlots { Match = true }.Apply(noneInTheTopK, 10, IsNew));
        Assert.Equal("n-far", noneInTheTopK[^1].ItemId);
    }

    [Fact]
    public void Config_MatchAndFrom_AreRead_AndABadFromIsNamed()
    {
        var (config, errors) = ServingConfigParser.Parse(
            """{"defaultPipeline":"p","pipelines":{"p":{"recall":[{"source":"als"},{"source":"profile"}],"newItems":{"match":true,"from":6}}}}""");
        Assert.Empty(errors);
        var slots = config!.Pipelines["p"].NewItems!;
        Assert.True(slots.Match);
        Assert.Equal(6, slots.From);

        (config, errors) = ServingConfigParser.Parse(
            """{"defaultPipeline":"p","pipelines":{"p":{"recall":[{"source":"als"},{"source":"profile"}],"newItems":{"match":"yes","from":0}}}}""");
        Assert.Null(config);
        Assert.Equal(["pipelines.p.newItems.match must be true or false, got a string", "pipelines.p.newItems.from must be 1 to 1000, got 0"], errors);
    }

    [Theory]
    [InlineData("""{"every":1}""", "pipelines.p.newItems.every must be 2 to 1000, got 1")]
    [InlineData("""{"source":"als"}""", "pipelines.p.newItems.source must be a built-in content source (search, similar, profile, semantic, semantic-similar, semantic-profile, newest), not 'als'")]
    [InlineData("""{"source":"similar"}""", "pipelines.p.newItems.source 'similar' is not among the pipeline's recall sources")]
    [InlineData("""{"slots":3}""", "pipelines.p.newItems: unknown setting 'slots' (known: source, every, match, from)")]
    [InlineData("""[]""", "pipelines.p.newItems must be an object")]
    public void Config_BadNewItems_IsNamed(string newItems, string expected)
    {
        var (config, errors) = ServingConfigParser.Parse(
            """{"defaultPipeline":"p","pipelines":{"p":{"recall":[{"source":"als"},{"source":"profile"}],"newItems":""" + newItems + "}}}");
        Assert.Null(config);
        Assert.Equal(expected, Assert.Single(errors));
    }

    [Fact]
    public void Config_NewItemsWithoutACollaborativeSource_IsRefused()
    {
        var (config, errors) = ServingConfigParser.Parse("""
            {"defaultPipeline":"p","pipelines":{"p":{"recall":[{"source":"profile"}],"newItems":{"every":5}}}}
            """);
        Assert.Null(config);
        Assert.Contains("pipelines.p.newItems needs a plugin recall source (such as als, itemknn or popular)", Assert.Single(errors));
    }

    [Fact]
    public void Pipeline_ANewSpaceItem_ReachesASpaceUsersList_OnlyWithReservedPlaces()
    {
        using var data = new RecoData();
        // s99 is in the index but in no interaction: no collaborative model knows it; its text is plainly "space".
        var items = data.Files.Write("items-new.tsv", File.ReadAllText(data.ItemsFile) + "s99\tSpace story new\torbit rocket station voyage\tspace\n");
        string index = data.Files.PathOf("index-new");
        CliRun.Of("index", "build", "--index", index, "--items", items).AssertOk();
        var users = data.Files.Write("users.txt", "u00\nu01\nu02\n");
        string Recs(bool slots)
        {
            var config = data.Files.Write(slots ? "with.json" : "without.json", """
                {"defaultPipeline":"r","pipelines":{"r":{"recall":[{"source":"als","size":20},{"source":"itemknn","size":20},{"source":"profile","size":20,"weight":0.5}],
                 "stages":[{"ranker":"als","name":"als-rerank","options":{"weight":0.5}}]
                """ + (slots ? ""","newItems":{"every":3}""" : "") + "}}}");
            string output = data.Files.PathOf(slots ? "with.tsv" : "without.tsv");
            CliRun.Of(["recommend-batch", "--index", index, "--interactions", data.InteractionsFile, "--users", users, "--k", "3",
                "--config", config, "--out", output, .. RecoData.FastModel]).AssertOk();
            return File.ReadAllText(output);
        }

        Assert.DoesNotContain("s99", Recs(slots: false));
        var lines = Recs(slots: true).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        foreach (var line in lines)
        {
            var top = line.Split('\t')[1].Split(',');
            Assert.Equal(3, top.Length);
            Assert.Equal("s99", top[2]); // the reserved third place
            Assert.All(top, id => Assert.StartsWith("s", id));
        }
    }
}
