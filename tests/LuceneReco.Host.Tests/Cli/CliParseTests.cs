namespace LuceneReco.Host.Tests.Cli;

/// <summary>Bad usage exits with code 2 and one line on stderr, before anything is touched.</summary>
public sealed class CliParseTests
{
    [Fact]
    public void NoCommand_ExitsTwo_WithOneLine()
    {
        var run = CliRun.Of();
        var line = run.AssertOneLineFailure(2);
        Assert.Contains("lucenereco --help", line);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void UnknownCommand_NamesIt()
    {
        var line = CliRun.Of("index", "bild", "--index", "x").AssertOneLineFailure(2);
        Assert.Contains("'bild'", line);
        Assert.Contains("lucenereco index --help", line);
    }

    [Fact]
    public void MissingRequiredOptions_AreAllNamedOnOneLine()
    {
        var line = CliRun.Of("index", "build").AssertOneLineFailure(2);
        Assert.Contains("'--index'", line);
        Assert.Contains("'--items'", line);
        Assert.Contains("lucenereco index build --help", line);
    }

    [Fact]
    public void UnparsableOptionValue_ExitsTwo()
    {
        var line = CliRun.Of("index", "build", "--index", "x", "--items", "y.tsv", "--ram-buffer-mb", "lots").AssertOneLineFailure(2);
        Assert.Contains("--ram-buffer-mb", line);
    }

    [Theory]
    [InlineData("--k", "abc", "--k must be a whole number, got 'abc'")]
    [InlineData("--k", "2.5", "--k must be a whole number, got '2.5'")]
    public void NotANumber_SaysWhatTheOptionTakes_WithoutATypeName(string option, string value, string expected)
    {
        var line = CliRun.Of("search", "--index", "x", "--query", "q", option, value).AssertOneLineFailure(2);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("System.", line);
        Assert.Contains("lucenereco search --help", line);
    }

    [Fact]
    public void Build_EveryBadOptionIsReportedAtOnce()
    {
        using var files = new TestFiles();
        var line = CliRun.Of("index", "build", "--index", files.PathOf("idx"), "--items", files.PathOf("missing.tsv"),
            "--analyzer", "klingon", "--ram-buffer-mb", "0").AssertOneLineFailure(2);
        Assert.Contains("does not exist", line);
        Assert.Contains("unknown analyzer 'klingon'", line);
        Assert.Contains("--ram-buffer-mb must be 1 to 4096", line);
        Assert.False(Directory.Exists(files.PathOf("idx")));
    }

    [Fact]
    public void Build_SchemaAndAnalyzerTogether_IsRefused()
    {
        using var files = new TestFiles();
        var items = files.Write("items.tsv", "id\ttitle\nx\ty\n");
        var schema = files.Write("schema.json", """{"fields":[{"name":"title","kind":"text"}]}""");
        var line = CliRun.Of("index", "build", "--index", files.PathOf("idx"), "--items", items, "--schema", schema, "--analyzer", "cjk")
            .AssertOneLineFailure(2);
        Assert.Contains("--analyzer applies to the default schema only", line);
    }

    [Fact]
    public void Build_MalformedSchemaFile_ExitsTwo_NamingTheFile()
    {
        using var files = new TestFiles();
        var items = files.Write("items.tsv", "id\ttitle\nx\ty\n");
        var schema = files.Write("schema.json", """{"fields":[{"name":"title","kind":"text", }""");
        var line = CliRun.Of("index", "build", "--index", files.PathOf("idx"), "--items", items, "--schema", schema).AssertOneLineFailure(2);
        Assert.Contains("schema.json", line);
        Assert.False(Directory.Exists(files.PathOf("idx")));
    }

    [Fact]
    public void Build_UnknownItemsExtension_ExitsTwo()
    {
        using var files = new TestFiles();
        var items = files.Write("items.csv", "id,title\nx,y\n");
        var line = CliRun.Of("index", "build", "--index", files.PathOf("idx"), "--items", items).AssertOneLineFailure(2);
        Assert.Contains("items.csv: cannot tell the format", line);
    }

    [Theory]
    [InlineData("--id", "a", "--keyword", "tags=x")]
    [InlineData("--keyword", "tags")]
    [InlineData("--keyword", "=x")]
    public void Delete_NeedsExactlyOneWellFormedSelection(params string[] selection)
    {
        using var files = new TestFiles();
        var run = CliRun.Of(["index", "delete", "--index", files.Root, .. selection]);
        run.AssertOneLineFailure(2);
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("check")]
    [InlineData("delete")]
    public void MissingIndexDirectory_ExitsTwo(string command)
    {
        using var files = new TestFiles();
        string[] extra = command == "delete" ? ["--id", "x"] : [];
        var line = CliRun.Of(["index", command, "--index", files.PathOf("nope"), .. extra]).AssertOneLineFailure(2);
        Assert.Contains("does not exist", line);
    }

    [Fact]
    public void Stats_OnADirectoryWithoutAnIndex_ExitsTwo()
    {
        using var files = new TestFiles();
        var line = CliRun.Of("index", "stats", "--index", files.Root).AssertOneLineFailure(2);
        Assert.Contains("No index found", line);
    }

    [Theory]
    [InlineData("index", "build")]
    [InlineData("index", "add")]
    [InlineData("index", "delete")]
    [InlineData("index", "stats")]
    [InlineData("index", "check")]
    [InlineData("bench", "recall")]
    [InlineData("bench", "recommend")]
    public void Help_IsAvailableEverywhere_AndExitsZero(params string[] command)
    {
        var run = CliRun.Of([.. command, "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
        Assert.Contains("--", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void BenchRecall_MissingInputs_AreAllNamedOnOneLine()
    {
        using var files = new TestFiles();
        var line = CliRun.Of("bench", "recall", "--items", files.PathOf("a.tsv"), "--mlt-ids", files.PathOf("ids.txt"),
            "--keywords", files.PathOf("kw.txt"), "--out", files.PathOf("out")).AssertOneLineFailure(2);
        Assert.Contains("items file", line);
        Assert.Contains("MoreLikeThis ids file", line);
        Assert.Contains("keywords file", line);
        Assert.False(Directory.Exists(files.PathOf("out")));
    }
}
