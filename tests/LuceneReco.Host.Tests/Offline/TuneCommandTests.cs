using System.Globalization;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Offline;

/// <summary><c>lucenereco tune</c> and <c>eval --tune</c> on the small planted dataset (a few seconds per run).</summary>
public sealed class TuneCommandTests
{
    private static string[] Tune(RecoData data, string output, int trials = 4, int seed = 7) =>
        ["tune", "--index", data.Index, "--interactions", data.InteractionsFile, "--budget", "5m", "--trials", trials.ToString(CultureInfo.InvariantCulture),
         "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", output];

    [Fact]
    public void Tune_SmallData_WritesAConfigurationThatEvalRunsWithItsTrainingSettings()
    {
        using var data = new RecoData();
        string file = data.Files.PathOf("tuned.json");

        string report = CliRun.Of(Tune(data, file)).AssertOk();

        Assert.Contains("chose trial", report);
        Assert.Contains("defaults", report);
        var (config, errors) = ServingConfigParser.Parse(File.ReadAllText(file));
        Assert.True(config is not null, string.Join("; ", errors));
        Assert.Equal("recommend", config!.DefaultFor(RequestKind.Recommend, hasQuery: false));
        Assert.NotEmpty(config.Training);
        Assert.All(config.Find("recommend")!.Recall, r => Assert.Null(r.Options)); // tuning's model folders are not written out
        string eval = CliRun.Of("eval", "--index", data.Index, "--interactions", data.InteractionsFile, "--config", file, "--k", "5").AssertOk();
        Assert.Contains("recommend", eval);
    }

    [Fact]
    public void Tune_SameSeed_ChoosesTheSameSettings()
    {
        using var data = new RecoData();
        string first = data.Files.PathOf("a.json"), second = data.Files.PathOf("b.json");

        string one = CliRun.Of(Tune(data, first, trials: 6, seed: 5)).AssertOk();
        string two = CliRun.Of(Tune(data, second, trials: 6, seed: 5)).AssertOk();

        Assert.Equal(File.ReadAllText(first), File.ReadAllText(second));
        Assert.Equal(Settings(one), Settings(two));
    }

    [Fact]
    public void Tune_TooFewUsersToSplit_ExitsWith2_SayingWhatItNeeds_AndWritesNoFile()
    {
        using var data = new RecoData();
        string few = data.Files.Write("few.tsv", "u1\ts00\t1\t1600000000\nu1\ts01\t1\t1600000001\nu2\tc00\t1\t1600000002\n");
        string file = data.Files.PathOf("never.json");

        string line = CliRun.Of("tune", "--index", data.Index, "--interactions", few, "--out", file).AssertOneLineFailure(2);

        Assert.Contains("tune needs at least 10 users", line);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void Tune_BudgetTooSmallForOneTrial_ExitsWith2_AndWritesNoFile()
    {
        using var data = new RecoData();
        string file = data.Files.PathOf("never.json");

        var run = CliRun.Of("tune", "--index", data.Index, "--interactions", data.InteractionsFile, "--budget", "0.001", "--out", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("budget", run.ErrorLines[^1]); // after the line saying what is being tuned
        Assert.DoesNotContain("   at ", run.Error);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void EvalTune_PoisonedTestPart_ChangesTheTestScores_NotTheChoice()
    {
        using var data = new RecoData();
        // eval's time split holds out each user's 2 newest events (floor(10 * 0.2)); poison exactly those: other group, top weight
        var lines = File.ReadAllLines(data.InteractionsFile);
        var poisoned = new StringBuilder();
        foreach (var group in lines.Select(l => l.Split('\t')).GroupBy(f => f[0]))
        {
            var events = group.OrderBy(f => long.Parse(f[3], CultureInfo.InvariantCulture)).ToList();
            for (int e = 0; e < events.Count; e++)
            {
                var f = events[e];
                if (e >= events.Count - 2) f = [f[0], (f[1][0] == 's' ? "c" : "s") + f[1][1..], "5", f[3]];
                poisoned.Append(string.Join('\t', f)).Append('\n');
            }
        }
        string bad = data.Files.Write("poisoned.tsv", poisoned.ToString());
        string[] Eval(string file) => ["eval", "--index", data.Index, "--interactions", file, "--k", "5", "--json", "--tune", "--tune-trials", "4", "--tune-budget", "5m"];

        var clean = CliRun.Of(Eval(data.InteractionsFile));
        var dirty = CliRun.Of(Eval(bad));

        clean.AssertOk();
        dirty.AssertOk();
        Assert.Equal(Chosen(clean.Error), Chosen(dirty.Error));
        Assert.NotEqual(TunedNdcg(clean.Out), TunedNdcg(dirty.Out));
    }

    private static string Settings(string report) => string.Join("\n", report.Split('\n').SkipWhile(l => l != "settings:").TakeWhile(l => !l.StartsWith("wrote", StringComparison.Ordinal)));

    private static string Chosen(string error) => Assert.Single(error.Split('\n'), l => l.StartsWith("lucenereco: tune chose: ", StringComparison.Ordinal));

    private static double TunedNdcg(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("systems").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "tuned").GetProperty("ndcg10").GetDouble();
    }
}
