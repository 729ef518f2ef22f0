using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Cli;
using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Ranking;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Models;

/// <summary>ONNX models (a user's own ranker) scored through ONNX Runtime, with the feature order declared beside them.</summary>
public sealed class OnnxModelTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, byte[] bytes)
    {
        File.WriteAllBytes(_dir.Sub(name), bytes);
        return _dir.Sub(name);
    }

    [Fact]
    public void Score_LinearGraph_GivesXTimesWPlusB()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        float[] w = [0.5f, -2f, 3f];
        var model = ModelLoader.Load(Write("m.onnx", OnnxModels.Linear(w, 0.25f)), ModelFormat.Onnx);
        Assert.Equal(3, model.FeatureCount);
        Assert.False(model.HasContributions);
        using var rows = new FeatureMatrix(50, 3);
        for (int r = 0; r < 50; r++)
            for (int f = 0; f < 3; f++) rows[r, f] = random.NextDouble() * 4 - 2;
        var margins = new double[50];
        model.Score(rows, margins);
        for (int r = 0; r < 50; r++)
        {
            double expected = 0.25f + (float)rows[r, 0] * w[0] + (float)rows[r, 1] * w[1] + (float)rows[r, 2] * w[2];
            Assert.True(Math.Abs(margins[r] - expected) < 1e-5, $"row {r}: {margins[r]} vs {expected}, {TestSeed.Describe(seed)}");
        }
    }

    [Fact]
    public void Reload_ReplacedSession_IsDisposedOnlyOnceTheLastRequestScoringWithItIsDone()
    {
        string path = Write("m.onnx", OnnxModels.Linear([1f], 0));
        var reloader = new ModelReloader(path, ModelFormat.Onnx, null, [new FeatureSpec("a")], LuceneReco.Plugins.ModelAliases.Production, new FakeServices(_dir.Path).Log, TimeProvider.System);
        var inFlight = reloader.Acquire(); // a request still scoring with the first version
        ServedModel first = inFlight.Served;

        Write("m.onnx", OnnxModels.Linear([2f], 0.5f));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        ServedModel second;
        using (var next = reloader.Acquire())
        {
            second = next.Served;
            Assert.NotSame(first, second);
            Assert.Equal(4.5, ScoreOne(second, 2), 5);
        }
        Assert.False(first.Disposed); // replaced, but the request in flight still holds it
        Assert.Equal(2.0, ScoreOne(first, 2), 5);

        inFlight.Dispose();
        Assert.True(first.Disposed);
        Assert.False(second.Disposed); // the reloader still serves it
        using var again = reloader.Acquire();
        Assert.Same(second, again.Served);
    }

    private static double ScoreOne(ServedModel served, double a)
    {
        using var rows = new FeatureMatrix(1, 1);
        rows[0, 0] = a;
        var margins = new double[1];
        served.Model.Score(rows, margins);
        return margins[0];
    }

    [Fact]
    public async Task Stage_OnnxModel_ReordersByItsScore_AndSaysItGivesNoReasons()
    {
        Write("m.onnx", OnnxModels.Linear([1f, -1f], 0));
        using var options = JsonDocument.Parse("""{"model": "m.onnx", "format": "onnx", "features": "a,b"}""");
        var stage = new LearnedRanker().CreateStage(options.RootElement, new FakeServices(_dir.Path));
        var low = new Candidate("low", 9);
        low.Features["a"] = 0;
        low.Features["b"] = 2;
        var high = new Candidate("high", 1);
        high.Features["a"] = 3;
        high.Features["b"] = 0;
        List<Candidate> list = [low, high];
        await stage.RerankAsync(new RankingRequest(null, null, [], 2, new Dictionary<string, string>()), list, CancellationToken.None);
        Assert.Equal(["high", "low"], list.Select(c => c.ItemId));
        Assert.Equal(3, list[0].Score, 5);
        Assert.Contains("learned: placed by your own model (ONNX), which gives no reasons per feature", list[0].Explanations);
        Assert.DoesNotContain(list[0].Features.Keys, k => k.StartsWith("learned.contrib.", StringComparison.Ordinal));
    }

    [Fact]
    public void Stage_OnnxWithoutDeclaredFeatures_IsRefused()
    {
        Write("m.onnx", OnnxModels.Linear([1f], 0));
        using var options = JsonDocument.Parse("""{"model": "m.onnx", "format": "onnx"}""");
        var e = Assert.Throws<ArgumentException>(() => new LearnedRanker().CreateStage(options.RootElement, new FakeServices(_dir.Path)));
        Assert.Contains("names no features", e.Message);
    }

    [Fact]
    public void Load_NotAnOnnxFile_NamesTheFile()
    {
        string path = Write("junk.onnx", [1, 2, 3, 4, 5, 6, 7, 8]);
        var e = Assert.Throws<ModelFormatException>(() => ModelLoader.Load(path, ModelFormat.Onnx));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void ModelScore_Onnx_WritesScores_AndRefusesContributions()
    {
        string model = Write("m.onnx", OnnxModels.Linear([2f, 1f], 1));
        File.WriteAllText(_dir.Sub("rows.tsv"), "b\ta\n1\t2\n");
        File.WriteAllText(_dir.Sub("f.json"), """{"features": ["a", "b"]}""");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = ModelScoreCommand.Run(["--model", model, "--format", "onnx", "--features", _dir.Sub("rows.tsv"), "--features-file", _dir.Sub("f.json"), "--out", "-"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.Equal("score\n6\n", stdout.ToString().Replace("\r", ""));
        code = ModelScoreCommand.Run(["--model", model, "--format", "onnx", "--features", _dir.Sub("rows.tsv"), "--features-file", _dir.Sub("f.json"), "--contributions", "--out", "-"], new StringWriter(), stderr = new StringWriter());
        Assert.Equal(2, code);
        Assert.Contains("gives no contributions", stderr.ToString());
    }
}
