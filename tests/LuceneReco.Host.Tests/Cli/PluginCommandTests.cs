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
}
