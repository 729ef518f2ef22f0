using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Popularity;
using LuceneReco.Rankers.Collaborative.Ranking;
using static LuceneReco.Rankers.Collaborative.Tests.Support.Events;

namespace LuceneReco.Rankers.Collaborative.Tests.Ranking;

/// <summary>
/// A request pins each model version once (<see cref="RequestModels"/>): its recall and its rerank score with the version
/// the first of them resolved, though the alias moves between the two (moved here, deterministically, between the calls,
/// with a poll interval of 0 so the store would otherwise follow at once); the next request follows the alias.
/// </summary>
public sealed class OneVersionPerRequestTests : IDisposable
{
    private readonly RankerFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static JsonElement Options(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    private static CandidateQuery Query(RequestModels? models) =>
        new("alice", [E("alice", "m2", second: 2), E("alice", "m1", second: 1)], null, null, 10, _ => true) { Models = models };

    private static int? ScoredWith(List<Candidate> candidates)
    {
        var versions = candidates.SelectMany(c => c.DebugLines)
            .Select(d => System.Text.RegularExpressions.Regex.Match(d, @"\(model v(\d+)\)")).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        Assert.True(versions.Count <= 1, string.Join(", ", versions));
        return versions.Count == 1 ? versions[0] : null;
    }

    [Fact]
    public async Task RecallAndRerank_OfOneRequest_UseOneVersion_WhileTheAliasMovesBetweenThem()
    {
        _f.Train();
        _f.Train(); // itemknn v1 and v2; no alias yet, so production is the newest, v2
        var plugin = new ItemKnnRanker();
        var source = plugin.CreateSource(Options("""{"pollSeconds": 0}"""), _f.Services);
        var stage = plugin.CreateStage(Options("""{"pollSeconds": 0, "weight": 0.5}"""), _f.Services);
        var pins = new RequestModels();

        Assert.NotEmpty(source.Recall(Query(pins), CancellationToken.None));
        ModelAliases.Promote(_f.ModelDirectory, "itemknn", ModelAliases.Production, 1); // the alias moves mid-request
        var candidates = RankerFixture.Candidates();
        await stage.RerankAsync(RankerFixture.Request("alice") with { Models = pins }, candidates, CancellationToken.None);

        Assert.Equal(2, ScoredWith(candidates));
        var served = Assert.Single(pins.ServedModels());
        Assert.Equal((Path.GetFullPath(_f.ModelDirectory), "itemknn", ModelAliases.Production, 2), served);
        Assert.NotNull(source.KnownItems(Query(pins)));

        var next = new RequestModels(); // the next request follows the alias
        Assert.NotEmpty(source.Recall(Query(next), CancellationToken.None));
        candidates = RankerFixture.Candidates();
        await stage.RerankAsync(RankerFixture.Request("alice") with { Models = next }, candidates, CancellationToken.None);
        Assert.Equal(1, ScoredWith(candidates));
        Assert.Equal(1, Assert.Single(next.ServedModels()).Version);
    }

    [Fact]
    public void Popular_TakesModelVersion_AndPinsItPerRequest()
    {
        var plugin = new PopularityRanker();
        string models = Path.Combine(_f.Services.DataDirectory, "models");
        for (int v = 0; v < 2; v++)
            plugin.Train(new TrainingJob(RankerFixture.Training, _f.Services.DataDirectory, new Dictionary<string, string>(), _f.Services.Time, _ => { }), CancellationToken.None);
        var v1 = plugin.CreateSource(Options("""{"modelVersion": "v1", "pollSeconds": 0}"""), _f.Services);
        var production = plugin.CreateSource(Options("""{"pollSeconds": 0}"""), _f.Services);
        var pins = new RequestModels();

        Assert.NotEmpty(v1.Recall(Query(pins), CancellationToken.None));
        Assert.NotEmpty(production.Recall(Query(pins), CancellationToken.None));
        Assert.Equal([("production", 2), ("v1", 1)], pins.ServedModels().Select(m => (m.Reference, m.Version)).OrderBy(m => -m.Version));
        ModelAliases.Promote(models, "popular", ModelAliases.Production, 1);
        production.Recall(Query(pins), CancellationToken.None);
        Assert.Equal(2, pins.ServedModels().Single(m => m.Reference == ModelAliases.Production).Version); // pinned for this request

        Assert.Contains("modelVersion must name an alias (production, canary) or a version (3, v3), got \"x y\"",
            Assert.Single(plugin.CheckSourceOptions(Options("""{"modelVersion": "x y"}"""))));
    }
}
