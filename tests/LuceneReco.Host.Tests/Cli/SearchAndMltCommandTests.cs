using System.Text.Json;

namespace LuceneReco.Host.Tests.Cli;

/// <summary><c>search</c> and <c>mlt</c> run in-process against the sample catalogue.</summary>
public sealed class SearchAndMltCommandTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly string _index;

    public SearchAndMltCommandTests()
    {
        _index = _files.PathOf("index");
        CliRun.Of("index", "build", "--index", _index, "--items", TestFiles.Sample("catalogue.tsv")).AssertOk();
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Search_Json_ReturnsKHitsBestFirst_WithStoredFields()
    {
        var json = CliRun.Of("search", "--index", _index, "--query", "orbit station", "--k", "3", "--json").AssertOk();
        using var doc = JsonDocument.Parse(json);
        var hits = doc.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(3, hits.Count);
        var scores = hits.Select(h => h.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.All(hits, h => Assert.False(string.IsNullOrEmpty(h.GetProperty("fields").GetProperty("title").GetString())));
        Assert.True(doc.RootElement.GetProperty("totalHits").GetInt64() >= 3);
    }

    [Fact]
    public void Search_Explain_PrintsATreeWhoseTopValueIsTheScore()
    {
        var json = CliRun.Of("search", "--index", _index, "--query", "orbit", "--k", "1", "--json", "--explain").AssertOk();
        using var doc = JsonDocument.Parse(json);
        var hit = doc.RootElement.GetProperty("hits")[0];
        Assert.Equal(hit.GetProperty("score").GetSingle(), hit.GetProperty("explanation").GetProperty("value").GetSingle());
    }

    [Fact]
    public void Search_Filter_KeepsOnlyMatchingKeywordValues()
    {
        var json = CliRun.Of("search", "--index", _index, "--query", "space", "--filter", "category=films", "--k", "50", "--json").AssertOk();
        using var doc = JsonDocument.Parse(json);
        var hits = doc.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal("films", h.GetProperty("fields").GetProperty("category").GetString()));
    }

    [Theory]
    [InlineData("unknown field", "search", "--query", "x", "--filter", "nope=1")]
    [InlineData("k <= 0", "search", "--query", "orbit", "--k", "0")]
    [InlineData("absurd k", "search", "--query", "orbit", "--k", "100000000")]
    [InlineData("only stop words", "search", "--query", "the and of")]
    [InlineData("empty text", "mlt", "--text", " ")]
    [InlineData("unknown id", "mlt", "--id", "no-such-item")]
    [InlineData("two sources", "mlt", "--id", "b001", "--text", "orbit")]
    [InlineData("bad option", "mlt", "--id", "b001", "--max-query-terms", "0")]
    public void BadQueries_ExitWithCode2_AndOneLine(string what, params string[] args)
    {
        var line = CliRun.Of([args[0], "--index", _index, .. args[1..]]).AssertOneLineFailure(2);
        Assert.False(string.IsNullOrWhiteSpace(line), what);
    }

    [Fact]
    public void Mlt_Id_LeavesTheSourceOut_AndNamesTheMatchedTerms()
    {
        var json = CliRun.Of("mlt", "--index", _index, "--id", "b001", "--k", "5", "--min-term-freq", "1", "--min-doc-freq", "2", "--json").AssertOk();
        using var doc = JsonDocument.Parse(json);
        var terms = doc.RootElement.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("field").GetString() + ":" + t.GetProperty("term").GetString()).ToHashSet();
        var hits = doc.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(5, hits.Count);
        Assert.DoesNotContain(hits, h => h.GetProperty("id").GetString() == "b001");
        Assert.All(hits, h =>
        {
            var matched = h.GetProperty("matchedTerms").EnumerateArray().Select(m => m.GetString()!).ToList();
            Assert.NotEmpty(matched);
            Assert.All(matched, m => Assert.Contains(m, terms));
        });
        Assert.Equal("f059", hits[0].GetProperty("id").GetString()); // "Orbit of Silence", the sample's near twin of b001
    }

    [Fact]
    public void Mlt_Profile_LeavesEverySourceOut()
    {
        var json = CliRun.Of("mlt", "--index", _index, "--ids", "b001,f059:2", "--k", "10", "--min-term-freq", "1", "--min-doc-freq", "2", "--json").AssertOk();
        using var doc = JsonDocument.Parse(json);
        var ids = doc.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(ids);
        Assert.DoesNotContain("b001", ids);
        Assert.DoesNotContain("f059", ids);
    }
}
