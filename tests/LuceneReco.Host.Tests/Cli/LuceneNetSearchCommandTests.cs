using System.Text.Json;
using LuceneReco.Index.LuceneNet;

namespace LuceneReco.Host.Tests.Cli;

/// <summary><c>search</c> and <c>mlt</c> on a folder <c>index build --backend lucenenet</c> wrote: the host opens it by looking at the folder.</summary>
public sealed class LuceneNetSearchCommandTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly string _index;

    public LuceneNetSearchCommandTests()
    {
        _index = _files.PathOf("index");
        CliRun.Of("index", "build", "--index", _index, "--items", TestFiles.Sample("catalogue.tsv"), "--backend", "lucenenet").AssertOk();
    }

    public void Dispose() => _files.Dispose();

    private static List<JsonElement> Hits(JsonDocument doc) => doc.RootElement.GetProperty("hits").EnumerateArray().ToList();

    [Fact]
    public void Search_OnALuceneNetFolder_FindsFilteredHitsBestFirst_WhoseExplanationIsTheScore()
    {
        var json = CliRun.Of("search", "--index", _index, "--query", "space", "--filter", "category=films", "--k", "50", "--json", "--explain").AssertOk();
        using var doc = JsonDocument.Parse(json);
        var hits = Hits(doc);
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal("films", h.GetProperty("fields").GetProperty("category").GetString()));
        var scores = hits.Select(h => h.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.All(hits, h => Assert.Equal(h.GetProperty("score").GetDouble(), h.GetProperty("explanation").GetProperty("value").GetDouble(), 1e-4));
    }

    [Fact]
    public void Search_OnALuceneNetFolder_FindsWhatTheNativeIndexFinds()
    {
        string native = _files.PathOf("native");
        CliRun.Of("index", "build", "--index", native, "--items", TestFiles.Sample("catalogue.tsv")).AssertOk();
        HashSet<string> Ids(string dir)
        {
            using var doc = JsonDocument.Parse(CliRun.Of("search", "--index", dir, "--query", "+orbit", "--k", "200", "--json").AssertOk());
            return Hits(doc).Select(h => h.GetProperty("id").GetString()!).ToHashSet();
        }
        var expected = Ids(native);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Ids(_index)); // the same matches (scores follow Lucene 4.8 there)
    }

    [Fact]
    public void Mlt_OnALuceneNetFolder_LeavesTheSourceOut_AndNamesTheChosenTerms()
    {
        var json = CliRun.Of("mlt", "--index", _index, "--id", "b001", "--k", "5", "--min-term-freq", "1", "--min-doc-freq", "2", "--json").AssertOk();
        using var doc = JsonDocument.Parse(json);
        Assert.NotEmpty(doc.RootElement.GetProperty("terms").EnumerateArray());
        var hits = Hits(doc);
        Assert.Equal(5, hits.Count);
        Assert.DoesNotContain(hits, h => h.GetProperty("id").GetString() == "b001");
        Assert.All(hits, h => Assert.NotEmpty(h.GetProperty("matchedTerms").EnumerateArray()));
    }

    [Fact]
    public void Mlt_ProfileOnALuceneNetFolder_LeavesEverySourceOut()
    {
        using var doc = JsonDocument.Parse(CliRun.Of("mlt", "--index", _index, "--ids", "b001,f059:2", "--k", "10", "--min-term-freq", "1", "--min-doc-freq", "2", "--json").AssertOk());
        var ids = Hits(doc).Select(h => h.GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(ids);
        Assert.DoesNotContain("b001", ids);
        Assert.DoesNotContain("f059", ids);
    }

    [Fact]
    public void Stats_OnALuceneNetFolder_NamesTheBackend_AndCountsItsItems()
    {
        using var doc = JsonDocument.Parse(CliRun.Of("index", "stats", "--index", _index, "--json").AssertOk());
        Assert.Equal("lucenenet", doc.RootElement.GetProperty("backend").GetString());
        Assert.Equal(200, doc.RootElement.GetProperty("documents").GetInt32());
        Assert.Contains(doc.RootElement.GetProperty("schema").GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "title");
        Assert.Matches(@"(?m)^backend\s+lucenenet\r?$", CliRun.Of("index", "stats", "--index", _index).AssertOk());
    }

    [Fact]
    public void Search_OnALuceneNetIndexWithoutSchemaFile_SaysToGiveOne()
    {
        File.Delete(Path.Combine(_index, LuceneNetSchema.FileName)); // what another application's index looks like
        var line = CliRun.Of("search", "--index", _index, "--query", "orbit").AssertOneLineFailure(2);
        Assert.Contains("holds a Lucene.Net index without", line);
        Assert.Contains("--lucenenet-schema", line);
    }

    [Fact]
    public void Recommend_OnALuceneNetFolder_RecommendsLikeTheRecentItems_LeavingThemOut_WithReasons()
    {
        var json = CliRun.Of("recommend", "--index", _index, "--user", "u1", "--recent", "b001,b003", "--k", "5", "--json", "--explain").AssertOk();
        using var doc = JsonDocument.Parse(json);
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.DoesNotContain(items, i => i.GetProperty("id").GetString() is "b001" or "b003");
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("fields").GetProperty("title").GetString())));
        Assert.Contains(items, i => i.GetProperty("reasons").EnumerateArray().Any(r => r.GetProperty("kind").GetString() == "history"));
    }

    [Fact]
    public void Recommend_OnALuceneNetFolder_WarnsThatTheSemanticSourceHasNoVectorsThere()
    {
        var run = CliRun.Of("recommend", "--index", _index, "--user", "u1", "--recent", "b001", "--k", "3");
        run.AssertOk();
        Assert.Contains("semantic-profile", run.Error);
        Assert.Contains("no dense vectors", run.Error);
    }

    [Fact]
    public void Serve_OnAnotherApplicationsLuceneNetIndexWithoutSchema_IsRefusedSayingToGiveOne()
    {
        File.Delete(Path.Combine(_index, LuceneNetSchema.FileName)); // what another application's index looks like
        var line = CliRun.Of("serve", "--index", _index, "--urls", "http://127.0.0.1:0").AssertOneLineFailure(2);
        Assert.Contains("holds a Lucene.Net index without", line);
        Assert.Contains("--lucenenet-schema", line);
    }

    [Fact]
    public void Serve_RefreshOutOfRange_IsAUsageErrorNamingTheOption()
    {
        var line = CliRun.Of("serve", "--index", _index, "--urls", "http://127.0.0.1:0", "--refresh", "0").AssertOneLineFailure(2);
        Assert.Contains("--refresh must be between", line);
    }
}
