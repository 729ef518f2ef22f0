using LuceneReco.Host.Tests.Pipelines;

namespace LuceneReco.Host.Tests.Cli;

/// <summary><c>recommend</c> runs a pipeline in-process; <c>serve</c> refuses bad options and configurations before listening.</summary>
public sealed class ServeAndRecommendCommandTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly string _index;

    public ServeAndRecommendCommandTests()
    {
        _index = _files.PathOf("index");
        SampleIndex.Build(_index);
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Recommend_FromRecentItems_PrintsResultsWithExplanations()
    {
        var output = CliRun.Of("recommend", "--index", _index, "--user", "u1", "--recent", "b001", "--k", "3", "--explain").AssertOk();
        var lines = output.Replace("\r", "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^  1\. f059 +0\.\d{4}  Orbit of Silence$", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("       profile: because you looked at The Quiet Orbit: shares ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("       debug: profile: score ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(" b001 ", StringComparison.Ordinal) && !l.StartsWith("       ", StringComparison.Ordinal));
        Assert.Matches(@"^pipeline recommend, 3 results in \d+\.\d ms$", lines[^1]); // a recommendation runs the built-in recommend pipeline
    }

    [Fact]
    public void Recommend_Json_IsTheHttpShape()
    {
        var output = CliRun.Of("recommend", "--index", _index, "--user", "u1", "--query", "orbit", "--k", "2", "--json").AssertOk();
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("items").GetArrayLength());
        Assert.Equal("default", json.RootElement.GetProperty("pipeline").GetString());
    }

    [Fact]
    public void Recommend_UnknownPipeline_ExitsTwo_WithOneLine()
    {
        var line = CliRun.Of("recommend", "--index", _index, "--user", "u1", "--pipeline", "nope").AssertOneLineFailure(2);
        Assert.Equal("lucenereco: unknown pipeline 'nope' (pipelines: default, recommend)", line);
    }

    [Fact]
    public void Serve_MissingFoldersAndFiles_AreAllNamed()
    {
        var line = CliRun.Of("serve", "--index", _files.PathOf("none"), "--plugins", _files.PathOf("noplugins"), "--config", _files.PathOf("none.json"))
            .AssertOneLineFailure(2);
        Assert.Contains("index directory", line);
        Assert.Contains("plugins directory", line);
        Assert.Contains("config file", line);
    }

    [Fact]
    public void Serve_InvalidConfig_ExitsTwo_ListingEveryProblem_BeforeListening()
    {
        Directory.CreateDirectory(_files.PathOf("plugins"));
        var config = _files.Write("pipelines.json", """{"defaultPipeline":"d","pipelines":{"d":{"recall":[{"source":"no/pe"}],"fusion":"max"}}}""");
        var run = CliRun.Of("serve", "--index", _index, "--plugins", _files.PathOf("plugins"), "--config", config, "--urls", "http://127.0.0.1:0");
        var line = run.AssertOneLineFailure(2);
        Assert.Equal("", run.Out);
        Assert.Contains("or a plugin's name (letters, digits, '-', '_' and '.'), got 'no/pe'", line);
        Assert.Contains("unknown fusion 'max'", line);
    }
}
