using LuceneReco.Index.LuceneNet;

namespace LuceneReco.Host.Tests.Cli;

/// <summary><c>index build --backend lucenenet</c> and <c>index check</c> on the folder it writes, run in-process.</summary>
public sealed class IndexBuildLuceneNetTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly string _index;

    public IndexBuildLuceneNetTests() => _index = _files.PathOf("index");

    public void Dispose() => _files.Dispose();

    private CliRun Build(params string[] extra) =>
        CliRun.Of(["index", "build", "--index", _index, "--items", TestFiles.Sample("catalogue.tsv"), "--backend", "lucenenet", .. extra]);

    [Fact]
    public void Build_LuceneNet_WritesALuceneNetIndexWithItsSchema_ThatCheckIndexPasses()
    {
        Assert.Matches(@"^indexed 200 items in ", Build().AssertOk());
        Assert.True(LuceneNetRecallIndex.IsLuceneNetIndex(_index));
        var schema = LuceneNetSchema.Load(Path.Combine(_index, LuceneNetSchema.FileName));
        Assert.Equal("keyword", schema.Find("category")!.Kind);
        Assert.True(schema.Find("title")!.TermVectors);
        using (var index = LuceneNetRecallIndex.Open(_index))
        using (var view = index.Acquire())
        {
            Assert.Equal(200, view.NumDocs);
            Assert.Equal("The Quiet Orbit", view.Stored(view.DocOf("b001")).Get("title"));
        }
        var check = CliRun.Of("index", "check", "--index", _index).AssertOk();
        Assert.Contains("segment _", check);
        Assert.Contains("index OK", check);
    }

    [Fact]
    public void Build_LuceneNet_IntoItsOwnIndex_IsRefusedUnlessOverwrite()
    {
        Build().AssertOk();
        Assert.Contains("already holds a Lucene.Net index", Build().AssertOneLineFailure(2));
        Build("--overwrite").AssertOk();
    }

    [Fact]
    public void Build_UnknownBackend_IsAUsageError() =>
        Assert.Contains("unknown backend 'solr' (valid: native, lucenenet)",
            CliRun.Of("index", "build", "--index", _index, "--items", TestFiles.Sample("catalogue.tsv"), "--backend", "solr").AssertOneLineFailure(2));
}
