using System.Globalization;
using LuceneReco.Rankers.Learned.Cli;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Cli;

/// <summary><c>lucenereco model score</c> through its entry point, as the host will call it.</summary>
public sealed class ModelScoreCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Run_XgboostFixture_WritesXgboostsMarginsAndContributions()
    {
        Fixture fixture = Fixture.Load("pairwise_deep");
        string output = _dir.Sub("scores.tsv");
        (int code, string stdout, string stderr) = Run("--model", fixture.ModelPath, "--format", "xgboost-json", "--features", fixture.FeaturesPath, "--contributions", "--out", output);
        Assert.True(code == 0, stderr);
        Assert.Equal("", stdout);
        (string[] header, double[][] rows) = Fixture.ReadTsv(output);
        Assert.Equal(["score", .. fixture.Features, "bias"], header);
        Assert.Equal(fixture.Rows.Length, rows.Length);
        for (int r = 0; r < rows.Length; r++)
        {
            Assert.True(Math.Abs(rows[r][0] - fixture.Margins[r]) <= 1e-5, $"row {r}: {rows[r][0]} vs {fixture.Margins[r]}");
            for (int f = 0; f <= fixture.Features.Length; f++)
                Assert.True(Math.Abs(rows[r][f + 1] - fixture.Contributions[r][f]) <= 1e-4, $"row {r} column {header[f + 1]}");
        }
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp-*"));
    }

    [Fact]
    public void Run_ColumnsInAnotherOrder_AreMatchedByName()
    {
        string model = _dir.Sub("linear.json");
        File.WriteAllText(model, ModelTexts.Linear(["a", "b"], [1, 10], 0));
        File.WriteAllText(_dir.Sub("rows.tsv"), "b\ta\n1\t2\n\t3\n");
        (int code, _, string stderr) = Run("--model", model, "--format", "linear", "--features", _dir.Sub("rows.tsv"), "--out", _dir.Sub("out.tsv"));
        Assert.True(code == 0, stderr);
        Assert.Equal(["score", "12", "3"], File.ReadAllLines(_dir.Sub("out.tsv")));
    }

    [Fact]
    public void Run_RowsOnStandardInput_ToStandardOutput()
    {
        string model = _dir.Sub("linear.json");
        File.WriteAllText(model, ModelTexts.Linear(["a"], [2], 1));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = ModelScoreCommand.Run(["--model", model, "--format", "linear", "--out", "-"], new StringReader("a\n0.5\n"), stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.Equal("score\n2\n", stdout.ToString());
    }

    [Fact]
    public void Run_HeaderWithAnUnknownColumn_NamesIt()
    {
        Fixture fixture = Fixture.Load("binary");
        string rows = _dir.Sub("rows.tsv");
        File.WriteAllLines(rows, [string.Join('\t', fixture.Features).Replace("f3", "f33", StringComparison.Ordinal), "1\t2\t3\t4\t5\t6\t7\t8"]);
        (int code, _, string stderr) = Run("--model", fixture.ModelPath, "--format", "xgboost-json", "--features", rows, "--out", _dir.Sub("out.tsv"));
        Assert.Equal(2, code);
        Assert.Single(Lines(stderr));
        Assert.Contains("column 4 'f33' is not a feature of the model", stderr);
        Assert.False(File.Exists(_dir.Sub("out.tsv")));
    }

    [Fact]
    public void Run_HeaderWithoutAFeature_NamesTheFeature()
    {
        string model = _dir.Sub("linear.json");
        File.WriteAllText(model, ModelTexts.Linear(["a", "b"], [1, 1], 0));
        File.WriteAllText(_dir.Sub("rows.tsv"), "a\n1\n");
        (int code, _, string stderr) = Run("--model", model, "--format", "linear", "--features", _dir.Sub("rows.tsv"), "--out", _dir.Sub("out.tsv"));
        Assert.Equal(2, code);
        Assert.Contains("no column for feature 'b'", stderr);
    }

    [Fact]
    public void Run_BadCell_NamesLineAndColumn()
    {
        string model = _dir.Sub("linear.json");
        File.WriteAllText(model, ModelTexts.Linear(["a", "b"], [1, 1], 0));
        File.WriteAllText(_dir.Sub("rows.tsv"), "a\tb\n1\t2\n1\tlots\n");
        (int code, _, string stderr) = Run("--model", model, "--format", "linear", "--features", _dir.Sub("rows.tsv"), "--out", _dir.Sub("out.tsv"));
        Assert.Equal(2, code);
        Assert.Contains("line 3: column 2 ('b'): 'lots' is not a number", stderr);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp-*"));
    }

    [Theory]
    [InlineData("--format", "linear", "--out", "x.tsv")]
    [InlineData("--model", "m.json", "--out", "x.tsv")]
    [InlineData("--model", "m.json", "--format", "pmml", "--out", "x.tsv")]
    [InlineData("--model", "m.json", "--format", "linear", "--out")]
    [InlineData("--model", "m.json", "--format", "linear", "--out", "x.tsv", "--verbose")]
    public void Run_BadUsage_PrintsOneLineAndReturnsTwo(params string[] args)
    {
        (int code, _, string stderr) = Run(args);
        Assert.Equal(2, code);
        string line = Assert.Single(Lines(stderr));
        Assert.StartsWith("model score: ", line);
        Assert.Contains("usage: lucenereco model score", line);
    }

    [Fact]
    public void Run_BadModel_ReturnsTwoNamingTheFile()
    {
        string model = _dir.Sub("broken.json");
        File.WriteAllText(model, "{\"learner\": {");
        (int code, _, string stderr) = Run("--model", model, "--format", "xgboost-json", "--out", _dir.Sub("out.tsv"));
        Assert.Equal(2, code);
        string line = Assert.Single(Lines(stderr));
        Assert.Contains(model, line);
    }

    [Fact]
    public void Run_UnnamedModel_TakesTheHeadersNamesInOrder()
    {
        string model = _dir.Sub("m.txt");
        File.WriteAllText(model, Models.LightGbmTextReaderTests.Text.Replace("feature_names=a b c\n", "", StringComparison.Ordinal));
        File.WriteAllText(_dir.Sub("rows.tsv"), "x\ty\tz\n0.7\t-1\t0\n\t0\t\n");
        (int code, _, string stderr) = Run("--model", model, "--format", "lightgbm", "--features", _dir.Sub("rows.tsv"), "--out", _dir.Sub("out.tsv"));
        Assert.True(code == 0, stderr);
        string[] lines = File.ReadAllLines(_dir.Sub("out.tsv"));
        Assert.Equal(1.25, double.Parse(lines[1], CultureInfo.InvariantCulture), 12);
        Assert.Equal(1.35, double.Parse(lines[2], CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void Run_FeaturesFile_NormalisesBeforeScoring()
    {
        string model = _dir.Sub("linear.json");
        File.WriteAllText(model, ModelTexts.Linear(["a"], [1], 0));
        File.WriteAllText(_dir.Sub("features.json"), """[{"name": "a", "normalizer": {"min_max": {"minimum": 10, "maximum": 20}}}]""");
        File.WriteAllText(_dir.Sub("rows.tsv"), "a\n15\n");
        (int code, _, string stderr) = Run("--model", model, "--format", "linear", "--features", _dir.Sub("rows.tsv"),
            "--features-file", _dir.Sub("features.json"), "--out", _dir.Sub("out.tsv"));
        Assert.True(code == 0, stderr);
        Assert.Equal(["score", "0.5"], File.ReadAllLines(_dir.Sub("out.tsv")));
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = ModelScoreCommand.Run(args, TextReader.Null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
