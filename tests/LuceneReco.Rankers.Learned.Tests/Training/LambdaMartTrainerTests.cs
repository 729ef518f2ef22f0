using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Ranking;
using LuceneReco.Rankers.Learned.Tests.Support;
using LuceneReco.Rankers.Learned.Training;

namespace LuceneReco.Rankers.Learned.Tests.Training;

/// <summary>LambdaMART trained through the contract (ITrainablePlugin) from labelled lists, served by the "learned" stage.</summary>
public sealed class LambdaMartTrainerTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly List<string> _progress = [];

    public void Dispose() => _dir.Dispose();

    private TrainingOutcome Train(params (string Name, string Value)[] settings) =>
        new LearnedRanker().Train(new TrainingJob([], _dir.Path, settings.ToDictionary(s => s.Name, s => s.Value), TimeProvider.System, _progress.Add), CancellationToken.None);

    /// <summary>NDCG@10 against the true grades of the model at ltr/model-v1.txt and of the served order, on fresh lists.</summary>
    private (double Model, double Served) HeldOut(Random random)
    {
        var fresh = ListsFile.Simulate(random, 300, 30, positionBias: false);
        ListsFile.Write(_dir.Sub("fresh.tsv"), fresh, truthLabels: true);
        var data = LabelledLists.Read(_dir.Sub("fresh.tsv"));
        var all = LambdaMartTrainer.Split(data, 0.999).Validation; // every list but the first
        var model = LightGbmTextReader.Read(_dir.Sub("ltr/model-v1.txt"));
        return (LambdaMartTrainer.ScoreNdcg(model, ListsFile.Features, data.Features, all), LambdaMartTrainer.ServedOrderNdcg(all, out _));
    }

    [Fact]
    public void Train_PlantedSignal_RanksBetterThanTheServedOrder_AndReportsIt()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        ListsFile.Write(_dir.Sub("lists.tsv"), ListsFile.Simulate(random, 400, 30, positionBias: false));

        var outcome = Train(("rounds", "100"), ("early-stopping", "20"));

        Assert.Equal([_dir.Sub("ltr/model-v1.features.json"), _dir.Sub("ltr/model-v1.txt")], outcome.Files);
        Assert.Contains("version 1", outcome.Summary);
        Assert.Contains("validation NDCG@10", outcome.Summary);
        Assert.Contains("no previous model", outcome.Summary);
        var (model, served) = HeldOut(random);
        Assert.True(model > served + 0.3, $"held-out NDCG@10 {model} vs served order {served}, {TestSeed.Describe(seed)}");
        Assert.True(model > 0.85, $"held-out NDCG@10 {model}, {TestSeed.Describe(seed)}");

        var again = Train(("rounds", "10"));  // a second run writes version 2 and compares it with what production serves
        Assert.Matches(@"production model (0|1)\.\d{4}", again.Summary);
        Assert.Equal([_dir.Sub("ltr/model-v2.features.json"), _dir.Sub("ltr/model-v2.txt")], again.Files);
        Assert.True(File.Exists(_dir.Sub("ltr/model-v1.txt"))); // the previous version stays, for a rollback
    }

    [Fact]
    public async Task Train_ModelIsServedByTheLearnedStage_WithWordsFromTheFeaturesFile()
    {
        int seed = TestSeed.Next();
        ListsFile.Write(_dir.Sub("lists.tsv"), ListsFile.Simulate(new Random(seed), 200, 20, positionBias: false));
        Train(("rounds", "50"));

        using var options = JsonDocument.Parse("""{"model": "ltr/model.txt", "format": "lightgbm", "featuresFile": "model.features.json"}""");
        var stage = new LearnedRanker().CreateStage(options.RootElement, new FakeServices(_dir.Path));
        var low = new Candidate("low", 1);
        low.Features["signal"] = 0.1;
        low.Features["popular"] = 0.9;
        var high = new Candidate("high", 0);
        high.Features["signal"] = 0.95;
        high.Features["popular"] = 0.1; // noise missing: the default branch
        List<Candidate> list = [low, high];
        await stage.RerankAsync(new RankingRequest("u", null, [], 2, new Dictionary<string, string>()), list, CancellationToken.None);
        Assert.Equal(["high", "low"], list.Select(c => c.ItemId));
        Assert.Contains(list[0].Explanations, e => e.StartsWith("learned: ranked up by: signal", StringComparison.Ordinal));
    }

    [Fact]
    public void Train_NoListsFile_TrainsNothing_UnlessTheSettingNamesIt()
    {
        var outcome = Train();
        Assert.Empty(outcome.Files);
        Assert.Contains("nothing trained", outcome.Summary);
        var e = Assert.Throws<ArgumentException>(() => Train(("lists", "missing.tsv")));
        Assert.Contains("missing.tsv", e.Message);
    }

    [Fact]
    public void Train_BadSettings_ListsEveryProblem()
    {
        var e = Assert.Throws<ArgumentException>(() => Train(("rounds", "0"), ("learning-rate", "2"), ("validation", "1"), ("weights", "maybe")));
        Assert.Contains("rounds must be", e.Message);
        Assert.Contains("learning-rate must be", e.Message);
        Assert.Contains("validation must be", e.Message);
        Assert.Contains("weights must be true or false", e.Message);
    }

    [Fact]
    public void Train_BadListsHeader_NamesTheFileAndColumn()
    {
        File.WriteAllText(_dir.Sub("lists.tsv"), "list\tserved\tgrade\tposition\tweight\tx\n0\t1\t1\t1\t1\t0.5\n");
        var e = Assert.Throws<ArgumentException>(() => Train());
        Assert.Contains(_dir.Sub("lists.tsv"), e.Message);
        Assert.Contains("column 3", e.Message);
    }

    [Fact]
    public void Ndcg_PerfectAndReversedOrders()
    {
        float[] labels = [2, 1, 0, 0];
        Assert.Equal(1, Ndcg.Mean(labels, [4], [4.0, 3, 2, 1], 10, out int counted), 12);
        Assert.Equal(1, counted);
        double reversed = Ndcg.Mean(labels, [4], [1.0, 2, 3, 4], 10, out _);
        double expected = (1 / Math.Log2(4) + 3 / Math.Log2(5)) / (3 + 1 / Math.Log2(3));
        Assert.Equal(expected, reversed, 12);
        Assert.True(double.IsNaN(Ndcg.Mean([0f, 0], [2], [1.0, 2], 10, out int none)) && none == 0);
        // weighted gains: a click at a rarely examined place counts for more
        double weighted = Ndcg.Mean([1f, 1, 0], [1f, 4, 1], [3], [3.0, 2, 1], 10, out _);
        Assert.Equal((1 + 4 / Math.Log2(3)) / (4 + 1 / Math.Log2(3)), weighted, 12);
    }
}
