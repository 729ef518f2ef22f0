using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Fairness.Exposure;
using LuceneReco.Rankers.Fairness.Tests.Support;

namespace LuceneReco.Rankers.Fairness.Tests.Exposure;

public sealed class ExposureStageTests
{
    private static ExposureStage Stage(ExposureRanker plugin, FakeServices services, string json = "{}")
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return (ExposureStage)plugin.CreateStage(doc.RootElement.Clone(), services);
    }

    /// <summary>20 candidates, "big" items a0..a9 and "small" items b0..b9; "big" always scores higher.</summary>
    private static FakeServices TwoProviders(string dir)
    {
        var s = new FakeServices(dir);
        for (int i = 0; i < 10; i++)
        {
            s.Catalog.Add("a" + i, "Big " + i, ("provider", "big"));
            s.Catalog.Add("b" + i, "Small " + i, ("provider", "small"));
        }
        return s;
    }

    private static List<Candidate> Request(Random rng)
    {
        var list = new List<Candidate>(20);
        for (int i = 0; i < 10; i++) list.Add(new Candidate("a" + i, 0.5 + 0.5 * rng.NextDouble()));
        for (int i = 0; i < 10; i++) list.Add(new Candidate("b" + i, 0.55 * rng.NextDouble()));
        list.Sort((x, y) => y.Score.CompareTo(x.Score));
        return list;
    }

    private static double SmallShare(List<Candidate> list, int depth)
    {
        double small = 0, total = 0;
        for (int i = 0; i < depth; i++)
        {
            double w = 1 / Math.Log2(2 + i);
            total += w;
            if (list[i].ItemId[0] == 'b') small += w;
        }
        return small / total;
    }

    [Fact]
    public void Rerank_ManyRequests_MovesAStarvedGroupsShareTowardItsTarget()
    {
        int seed = TestSeed.Next();
        using var dir = new TempDir();
        double Run(double gain)
        {
            var rng = new Random(seed);
            FakeServices services = TwoProviders(Path.Combine(dir.Path, gain.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            using ExposureStage stage = Stage(new ExposureRanker(), services, $$"""{ "gain": {{gain.ToString(System.Globalization.CultureInfo.InvariantCulture)}}, "maxBoost": 0.6 }""");
            double late = 0;
            for (int r = 0; r < 400; r++)
            {
                List<Candidate> list = Request(rng);
                Requests.Run(stage, Requests.For(10), list);
                if (r >= 300) late += SmallShare(list, 10) / 100;
            }
            return late;
        }
        double baseline = Run(0), controlled = Run(2);
        string where = $"baseline {baseline:0.###}, controlled {controlled:0.###}, {TestSeed.Describe(seed)}";
        Assert.True(baseline < 0.15, where); // without the controller "small" is starved
        Assert.True(controlled > baseline + 0.2, where);
        Assert.True(Math.Abs(controlled - 0.5) < Math.Abs(baseline - 0.5) / 2, where);
    }

    [Fact]
    public void State_SurvivesARestart_ThroughTheFile()
    {
        using var dir = new TempDir();
        FakeServices services = TwoProviders(dir.Path);
        var rng = new Random(7);
        ExposureState.Snapshot before;
        using (ExposureStage stage = Stage(new ExposureRanker(), services, """{ "saveEveryRequests": null, "saveEverySeconds": null, "stateName": "home-exposure" }"""))
        {
            for (int r = 0; r < 25; r++) Requests.Run(stage, Requests.For(10), Request(rng));
            string file = Path.Combine(dir.Path, "exposure", "home-exposure.json");
            Assert.False(File.Exists(file), "no periodic save was asked for");
            before = stage.Controller.Snapshot();
        } // Dispose saves
        Assert.True(File.Exists(Path.Combine(dir.Path, "exposure", "home-exposure.json")));

        // A new plugin instance (a restarted host) reads the file.
        using ExposureStage restarted = Stage(new ExposureRanker(), services, """{ "stateName": "home-exposure" }""");
        ExposureState.Snapshot after = restarted.Controller.Snapshot();
        Assert.Equal(25, after.Requests);
        Assert.Equal(before.Groups.Keys.Order(), after.Groups.Keys.Order());
        foreach (var (group, value) in before.Groups)
        {
            Assert.Equal(value.Exposure, after.Groups[group].Exposure, 12);
            Assert.Equal(value.Target, after.Groups[group].Target, 12);
        }
        Assert.True(before.Groups["small"].Target - before.Groups["small"].Exposure > 1, "the example has a deficit to carry over");

        // Another state name starts from nothing.
        using ExposureStage other = Stage(new ExposureRanker(), services, """{ "stateName": "search-exposure" }""");
        Assert.Equal(0, other.Controller.Requests);
    }

    [Fact]
    public void Rerank_Offline_ScoresAsUsualButChangesNoState()
    {
        using var dir = new TempDir();
        FakeServices services = TwoProviders(dir.Path);
        var plugin = new ExposureRanker();
        var rng = new Random(11);
        using ExposureStage stage = Stage(plugin, services, """{ "saveEveryRequests": 1 }""");
        for (int r = 0; r < 10; r++) Requests.Run(stage, Requests.For(10), Request(rng));
        string file = Path.Combine(dir.Path, "exposure", "exposure.json");
        byte[] saved = File.ReadAllBytes(file);
        ExposureState.Snapshot before = stage.Controller.Snapshot();

        List<Candidate> offline = Request(new Random(3)), online = Request(new Random(3));
        for (int r = 0; r < 20; r++) Requests.Run(stage, Requests.For(10, offline: true), Request(rng));
        Requests.Run(stage, Requests.For(10, offline: true), offline);
        stage.Dispose();

        Assert.Equal(before.Requests, stage.Controller.Requests);
        Assert.Equal(before.Groups["small"], stage.Controller.Snapshot().Groups["small"]);
        Assert.Equal(saved, File.ReadAllBytes(file));
        // The offline list is reranked like an online one with the same state.
        Requests.Run(stage, Requests.For(10), online);
        Assert.Equal(online.ConvertAll(c => c.ItemId), offline.ConvertAll(c => c.ItemId));
        Assert.Contains(offline, c => c.Features.ContainsKey("exposure.boost"));
    }

    [Fact]
    public void Save_IsPeriodicByRequestsAndBySeconds()
    {
        using var dir = new TempDir();
        FakeServices services = TwoProviders(dir.Path);
        var rng = new Random(5);
        string file = Path.Combine(dir.Path, "exposure", "exposure.json");
        using ExposureStage stage = Stage(new ExposureRanker(), services, """{ "saveEveryRequests": 5, "saveEverySeconds": 60 }""");
        for (int r = 0; r < 4; r++) Requests.Run(stage, Requests.For(10), Request(rng));
        Assert.False(File.Exists(file));
        Requests.Run(stage, Requests.For(10), Request(rng));
        Assert.Equal(5, ExposureState.Read(file)!.Requests);
        Requests.Run(stage, Requests.For(10), Request(rng));
        Assert.Equal(5, ExposureState.Read(file)!.Requests);
        services.Time.Advance(TimeSpan.FromSeconds(61));
        Requests.Run(stage, Requests.For(10), Request(rng));
        Assert.Equal(7, ExposureState.Read(file)!.Requests);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(file)!, "*.tmp"));
    }

    [Fact]
    public void Controller_DamagedFile_StartsFreshWithAWarning_AndKeepsTheFileAside()
    {
        using var dir = new TempDir();
        FakeServices services = TwoProviders(dir.Path);
        string file = Path.Combine(dir.Path, "exposure", "exposure.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "{ not json");
        using ExposureStage stage = Stage(new ExposureRanker(), services);
        Assert.Equal(0, stage.Controller.Requests);
        Assert.Contains(services.Lines.Warnings, w => w.Contains(file, StringComparison.Ordinal));
        Assert.True(File.Exists(file + ".damaged"));
    }

    [Fact]
    public void Rerank_ConcurrentRequests_AreAllRecorded()
    {
        using var dir = new TempDir();
        FakeServices services = TwoProviders(dir.Path);
        using ExposureStage stage = Stage(new ExposureRanker(), services, """{ "saveEveryRequests": 50 }""");
        Parallel.For(0, 8, t =>
        {
            var rng = new Random(100 + t);
            for (int r = 0; r < 200; r++) Requests.Run(stage, Requests.For(10), Request(rng));
        });
        ExposureState.Snapshot s = stage.Controller.Snapshot();
        Assert.Equal(1600, s.Requests);
        Assert.Equal(1600, s.Groups.Values.Sum(g => g.Exposure), 6);
        Assert.Equal(1600, s.Groups.Values.Sum(g => g.Target), 6);
    }

    [Fact]
    public void Rerank_RelevanceTarget_OwesTheRelevanceShare_AndItemsWithoutTheFieldAreLeftOut()
    {
        using var dir = new TempDir();
        var services = new FakeServices(dir.Path);
        services.Catalog.Add("x", "X", ("provider", "p"));
        services.Catalog.Add("y", "Y", ("provider", "q"));
        services.Catalog.Add("z", "Z"); // no provider
        using ExposureStage stage = Stage(new ExposureRanker(), services, """{ "target": "Relevance" }""");
        var list = new List<Candidate> { new("z", 3), new("x", 2), new("y", 1), new("ghost", 0.5) };
        Requests.Run(stage, Requests.For(4), list);
        ExposureState.Snapshot s = stage.Controller.Snapshot();
        Assert.Equal(["p", "q"], s.Groups.Keys.Order());
        // min-max relevance: x (2 - 0.5) / 2.5 = 0.6, y 0.2 -> owed 0.75 and 0.25
        Assert.Equal(0.75, s.Groups["p"].Target, 12);
        Assert.Equal(0.25, s.Groups["q"].Target, 12);
        Assert.False(list.Find(c => c.ItemId == "z")!.Features.ContainsKey("exposure.boost"));
    }

    [Theory]
    [InlineData("""{ "gain": -1 }""")]
    [InlineData("""{ "stateName": "../x" }""")]
    [InlineData("""{ "depth": 0, "saveEveryRequests": 0 }""")]
    [InlineData("""{ "target": "Loud" }""")]
    public void CreateStage_BadOptions_Throws(string json)
    {
        using var dir = new TempDir();
        Assert.ThrowsAny<ArgumentException>(() => Stage(new ExposureRanker(), new FakeServices(dir.Path), json));
    }
}
