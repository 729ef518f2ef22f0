using System.Text.Json;
using LuceneReco.Rankers.Fairness.Fair;

namespace LuceneReco.Rankers.Fairness.Tests.Fair;

public sealed class MTableCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = MTableCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Run_Plain_PrintsOneLineOfMinimums()
    {
        var (code, output, err) = Run("--k", "20", "--p", "0.25", "--alpha", "0.1");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Equal("0,0,0,0,0,0,0,0,1,1,1,1,1,1,2,2,2,2,2,3" + Environment.NewLine, output);
    }

    [Fact]
    public void Run_Adjust_PrintsAlphaAndFailThenTableLast()
    {
        var (code, output, _) = Run("--k", "20", "--p", "0.25", "--alpha", "0.1", "--adjust");
        Assert.Equal(0, code);
        string[] lines = output.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("adjusted alpha", lines[0], StringComparison.Ordinal);
        Assert.Contains("0.0750846863", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("fail probability", lines[1], StringComparison.Ordinal);
        Assert.Contains("0.0897221672", lines[1], StringComparison.Ordinal);
        Assert.Equal("0,0,0,0,0,0,0,0,0,1,1,1,1,1,1,2,2,2,2,2", lines[2]);
    }

    [Fact]
    public void Run_Json_PrintsOneObject()
    {
        var (code, output, _) = Run("--json", "--k", "20", "--p", "0.25", "--alpha", "0.1", "--adjust");
        Assert.Equal(0, code);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.Equal(20, root.GetProperty("k").GetInt32());
        Assert.Equal(0.25, root.GetProperty("p").GetDouble());
        Assert.Equal(0.1, root.GetProperty("alpha").GetDouble());
        Assert.Equal(0.0750846862792969, root.GetProperty("adjustedAlpha").GetDouble(), 15);
        Assert.Equal(0.0897221672348678, root.GetProperty("failProbability").GetDouble(), 13);
        Assert.Equal(20, root.GetProperty("mtable").GetArrayLength());

        var (_, plain, _) = Run("--k", "20", "--p", "0.25", "--alpha", "0.1", "--json");
        using JsonDocument doc2 = JsonDocument.Parse(plain);
        Assert.False(doc2.RootElement.TryGetProperty("adjustedAlpha", out _));
        Assert.Equal(0.146887188699111, doc2.RootElement.GetProperty("failProbability").GetDouble(), 12);
    }

    [Theory]
    [InlineData()]
    [InlineData("--k", "20", "--p", "0.25")]
    [InlineData("--k", "twenty", "--p", "0.25", "--alpha", "0.1")]
    [InlineData("--k", "20", "--p", "1.5", "--alpha", "0.1")]
    [InlineData("--k", "20", "--p", "0.25", "--alpha", "0.1", "--verbose")]
    [InlineData("--k", "20", "--p", "0.25", "--alpha")]
    [InlineData("--k", "5000", "--p", "0.25", "--alpha", "0.1", "--adjust")]
    public void Run_BadUsage_OneLineOnStderrAndExitTwo(params string[] args)
    {
        var (code, output, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(err.TrimEnd().Split(Environment.NewLine));
        Assert.Contains("usage:", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Help_PrintsUsageAndSucceeds()
    {
        var (code, output, err) = Run("--help");
        Assert.Equal(0, code);
        Assert.Equal(MTableCommand.Usage + Environment.NewLine, output);
        Assert.Equal("", err);
    }
}
