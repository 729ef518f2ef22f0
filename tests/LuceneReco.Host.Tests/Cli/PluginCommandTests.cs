namespace LuceneReco.Host.Tests.Cli;

/// <summary>Commands plugins add: <c>lucenereco fairness mtable</c> comes from the built-in fairness plugin, loaded like any plugin.</summary>
public sealed class PluginCommandTests
{
    [Fact]
    public void FairnessMtable_FromTheBuiltInPlugin_PrintsThePublishedTable()
    {
        var output = CliRun.Of("fairness", "mtable", "--k", "20", "--p", "0.25", "--alpha", "0.1").AssertOk();
        Assert.Equal("0,0,0,0,0,0,0,0,1,1,1,1,1,1,2,2,2,2,2,3", output.Trim());

        var adjusted = CliRun.Of("fairness", "mtable", "--k", "20", "--p", "0.25", "--alpha", "0.1", "--adjust").AssertOk().Trim().Split('\n');
        Assert.Equal("0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,2,2,2,2,2", adjusted[^1].Trim());
    }

    [Fact]
    public void PluginCommand_BadUsage_IsOneLineAndExit2_AndAnUnknownCommandIsTheParsersError()
    {
        var line = CliRun.Of("fairness", "mtable", "--k", "x").AssertOneLineFailure(2);
        Assert.StartsWith("lucenereco: --k must be an integer from 1 to 10000, got 'x'", line);
        Assert.Contains("'fairness' has one command, mtable", CliRun.Of("fairness", "tables").AssertOneLineFailure(2));
        Assert.Contains("Unrecognized command or argument 'nosuch'", CliRun.Of("nosuch").AssertOneLineFailure(2));
    }

    [Fact]
    public void ModelScore_FromTheBuiltInLearnedPlugin_GivesXGBoostsOwnMargins()
    {
        string fixtures = Path.Combine(TestFiles.RepositoryRoot, "tests", "LuceneReco.Rankers.Learned.Tests", "Fixtures");
        using var files = new TestFiles();
        string output = files.PathOf("scores.tsv");
        CliRun.Of("model", "score", "--model", Path.Combine(fixtures, "ndcg_missing.json"), "--format", "xgboost-json",
            "--features", Path.Combine(fixtures, "ndcg_missing.features.tsv"), "--out", output).AssertOk();

        var ours = File.ReadAllLines(output).Skip(1).Select(l => double.Parse(l.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var xgboost = File.ReadAllLines(Path.Combine(fixtures, "ndcg_missing.margins.tsv")).Skip(1)
            .Select(l => double.Parse(l.Split('\t')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(xgboost.Count, ours.Count);
        Assert.All(ours.Zip(xgboost), p => Assert.Equal(p.Second, p.First, 1e-5));
        Assert.Contains("'model' has one command, score", CliRun.Of("model", "train").AssertOneLineFailure(2));
    }
}
