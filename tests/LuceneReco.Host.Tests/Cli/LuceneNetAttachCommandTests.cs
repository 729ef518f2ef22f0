using System.Text.Json;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDocument = Lucene.Net.Documents.Document;
using LuceneWriter = Lucene.Net.Index.IndexWriter;

namespace LuceneReco.Host.Tests.Cli;

/// <summary>
/// <c>search</c> and <c>mlt</c> with <c>--lucenenet-schema</c> on an index another application writes with Lucene.Net
/// directly (as <c>AttachTests</c> in the Lucene.Net backend's tests): it is read, never written, and its later commits are seen.
/// </summary>
public sealed class LuceneNetAttachCommandTests : IDisposable
{
    private const string Schema = """
        {
          "id": "sku",
          "fields": [
            { "name": "name", "kind": "text", "analyzer": "standard" },
            { "name": "description", "kind": "text", "analyzer": "standard" },
            { "name": "brand", "kind": "keyword" }
          ]
        }
        """;

    private static readonly FieldType WithVectors = NewType();

    private readonly TestFiles _files = new();
    private readonly string _index, _schema;
    private readonly FSDirectory _dir;
    private readonly LuceneWriter _app;

    public LuceneNetAttachCommandTests()
    {
        _index = _files.PathOf("catalogue");
        _schema = _files.PathOf("catalogue-schema.json");
        File.WriteAllText(_schema, Schema);
        _dir = FSDirectory.Open(_index);
        _app = new LuceneWriter(_dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48)));
        string[] brands = ["acme", "globex", "initech"];
        string[] kinds = ["laptop", "phone", "tablet", "monitor", "keyboard"];
        for (int i = 0; i < 40; i++)
            _app.AddDocument(Product($"P{i:000}", $"{brands[i % 3]} {kinds[i % 5]} model {i % 7}",
                $"A {kinds[i % 5]} with a {(i % 2 == 0 ? "bright screen" : "long battery")} for {(i % 4 == 0 ? "travel" : "office")} work", brands[i % 3]));
        _app.Commit();
    }

    public void Dispose()
    {
        _app.Dispose();
        _dir.Dispose();
        _files.Dispose();
    }

    private static FieldType NewType()
    {
        var t = new FieldType(TextField.TYPE_STORED) { StoreTermVectors = true };
        t.Freeze();
        return t;
    }

    private static LuceneDocument Product(string sku, string name, string description, string brand) =>
    [
        new StringField("sku", sku, Field.Store.YES),
        new Field("name", name, WithVectors),
        new TextField("description", description, Field.Store.YES),
        new StringField("brand", brand, Field.Store.YES),
    ];

    private List<string> Ids(params string[] args)
    {
        using var doc = JsonDocument.Parse(CliRun.Of([.. args, "--index", _index, "--lucenenet-schema", _schema, "--json"]).AssertOk());
        return doc.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!).ToList();
    }

    [Fact]
    public void Search_AttachedIndex_FindsTheApplicationsItems_ByItsFieldNames_AndItsLaterCommits()
    {
        var tablets = Ids("search", "--query", "+tablet", "--filter", "brand=acme", "--k", "50");
        Assert.NotEmpty(tablets);
        Assert.All(tablets, id => Assert.Equal(2, int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture) % 5)); // kinds[2]
        Assert.DoesNotContain("P999", Ids("search", "--query", "zeppelin"));

        _app.AddDocument(Product("P999", "acme zeppelin", "A zeppelin for travel", "acme")); // the application writes on
        _app.Commit();
        Assert.Equal(["P999"], Ids("search", "--query", "zeppelin"));
        Assert.False(File.Exists(Path.Combine(_index, LuceneReco.Index.LuceneNet.LuceneNetSchema.FileName))); // nothing written into its folder
    }

    [Fact]
    public void Mlt_AttachedIndex_FindsItemsLikeOne_LeavingItOut()
    {
        var like = Ids("mlt", "--id", "P002", "--k", "5", "--min-term-freq", "1", "--min-doc-freq", "2");
        Assert.Equal(5, like.Count);
        Assert.DoesNotContain("P002", like);
    }

    [Fact]
    public void Mlt_Bm25TermSelection_OnLuceneNet_IsAUsageErrorSayingWhy()
    {
        var line = CliRun.Of("mlt", "--index", _index, "--lucenenet-schema", _schema, "--id", "P002", "--term-selection", "bm25").AssertOneLineFailure(2);
        Assert.Contains("not available on the lucenenet backend", line);
    }

    [Fact]
    public void Search_SchemaNamingAFieldTheIndexLacks_IsAUsageErrorListingItsFields()
    {
        File.WriteAllText(_schema, Schema.Replace("\"brand\"", "\"maker\"", StringComparison.Ordinal));
        var line = CliRun.Of("search", "--index", _index, "--lucenenet-schema", _schema, "--query", "tablet").AssertOneLineFailure(2);
        Assert.Contains("maker", line);
    }

    [Fact]
    public void Recommend_AttachedIndex_RecommendsLikeTheRecentItems_WithTheApplicationsFields()
    {
        using var doc = JsonDocument.Parse(CliRun.Of("recommend", "--index", _index, "--lucenenet-schema", _schema, "--user", "u1",
            "--recent", "P002,P007", "--k", "5", "--json").AssertOk());
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.DoesNotContain(items, i => i.GetProperty("id").GetString() is "P002" or "P007");
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.GetProperty("fields").GetProperty("brand").GetString())));
        Assert.False(File.Exists(Path.Combine(_index, LuceneReco.Index.LuceneNet.LuceneNetSchema.FileName))); // nothing written into its folder
    }

    [Fact]
    public void Serve_SchemaNamingAFieldTheIndexLacks_IsAUsageErrorNamingIt_BeforeListening()
    {
        File.WriteAllText(_schema, Schema.Replace("\"brand\"", "\"maker\"", StringComparison.Ordinal));
        var line = CliRun.Of("serve", "--index", _index, "--lucenenet-schema", _schema, "--urls", "http://127.0.0.1:0").AssertOneLineFailure(2);
        Assert.Contains("maker", line);
    }
}
