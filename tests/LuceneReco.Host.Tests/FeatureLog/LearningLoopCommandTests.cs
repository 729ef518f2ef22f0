using System.Globalization;
using System.Text;
using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.FeatureLog;

/// <summary>
/// The loop from the command line: a feature log and the clicks after it -> 'features join' -> 'train --model learned' (the
/// built-in learned plugin, loaded as the host loads plugins, training through LightGBM's native library) -> a model file.
/// </summary>
public sealed class LearningLoopCommandTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>
    /// Lists of 10 items, a quarter with their places shuffled; the item with the larger "signal" is relevant; a relevant item is
    /// clicked when examined, with probability 1 / position (seeded).
    /// </summary>
    private (string Log, string Events) Simulate(int lists, int seed)
    {
        var random = new Random(seed);
        string log = _files.PathOf("served.db");
        var feature = SqliteFeatureLog.OpenFile(log);
        var events = new StringBuilder();
        for (int l = 0; l < lists; l++)
        {
            var at = T0.AddMinutes(l);
            string user = "u" + (l % 50).ToString(CultureInfo.InvariantCulture);
            var items = new ServedItem[10];
            for (int p = 0; p < 10; p++)
            {
                double signal = random.NextDouble();
                items[p] = new ServedItem($"i{l}-{p}", p + 1, 10 - p, new Dictionary<string, double> { ["signal"] = signal, ["noise"] = random.NextDouble(), ["learned.score"] = 5 });
                if (signal > 0.7 && random.NextDouble() < 1.0 / (p + 1))
                    events.Append(CultureInfo.InvariantCulture, $"{user}\t{items[p].ItemId}\t1\t{at.AddSeconds(30).ToUnixTimeSeconds()}\n");
            }
            feature.Append(new ServedList($"r{l}", "default", user, at, l % 4 == 0 ? 10 : 0, items));
        }
        return (log, _files.Write("events.tsv", events.ToString()));
    }

    [Fact]
    public void JoinThenTrain_WritesLabelledListsAndAModelTheLearnedStageServes()
    {
        var (log, events) = Simulate(600, seed: 7);
        string lists = _files.PathOf("lists.tsv");
        string joined = CliRun.Of("features", "join", "--log", log, "--interactions", events, "--out", lists, "--ipw", "--window", "1h").AssertOk();
        Assert.Contains("joined 600 lists", joined);
        Assert.Contains("inverse propensity weights from 150 randomised lists", joined);
        var header = File.ReadLines(lists).First();
        Assert.Equal("list\tserved\tlabel\tposition\tweight\tnoise\tsignal", header); // learned.* is left out

        string bias = CliRun.Of("features", "bias", "--log", log, "--interactions", events, "--window", "1h").AssertOk();
        Assert.StartsWith("position bias from 150 randomised lists", bias);

        string root = _files.PathOf("data");
        string trained = CliRun.Of("train", "--interactions", events, "--data", root, "--model", "learned", "--set", $"lists={lists}", "--set", "rounds=30").AssertOk();
        Assert.Contains("learned: LambdaMART (LightGBM lambdarank)", trained);
        Assert.True(File.Exists(Path.Combine(root, "learned", "ltr", "model-v1.txt")), trained); // the first version
        Assert.True(File.Exists(Path.Combine(root, "learned", "ltr", "model-v1.features.json")));
        string listed = CliRun.Of("models", "list", "--data", root).AssertOk();
        Assert.Contains("learned/ltr/model", listed); // a version like any trained model's, for promote and rollback
        Assert.Contains("v1", listed);
    }

    [Theory]
    [InlineData("--window", "soon", "--window must be a positive span like 30m, 12h or 7d, got 'soon'")]
    [InlineData("--labels", "click=x", "--labels: bad labels: the grade of 'click' must be a number")]
    public void Join_BadOption_ExitsWithCode2AndOneLine(string option, string value, string expected)
    {
        var (log, events) = Simulate(4, seed: 1);
        var line = CliRun.Of("features", "join", "--log", log, "--interactions", events, "--out", _files.PathOf("x.tsv"), option, value).AssertOneLineFailure(2);
        Assert.Contains(expected, line);
    }

    [Fact]
    public void Join_IpwWithoutRandomisedLists_SaysHowToGetThem()
    {
        string log = _files.PathOf("plain.db");
        SqliteFeatureLog.OpenFile(log).Append(new ServedList("r", "default", "u", T0, 0, [new ServedItem("a", 1, 1, new Dictionary<string, double>())]));
        string events = _files.Write("e.tsv", $"u\ta\t1\t{T0.AddSeconds(5).ToUnixTimeSeconds()}\n");
        var line = CliRun.Of("features", "join", "--log", log, "--interactions", events, "--out", _files.PathOf("x.tsv"), "--ipw").AssertOneLineFailure(2);
        Assert.Contains("featureLog.explore", line);
    }
}
