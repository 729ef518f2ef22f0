using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneReco.Host.Http;
using LuceneReco.Host.Serving;
using Microsoft.AspNetCore.Builder;
using LuceneDocument = Lucene.Net.Documents.Document;
using LuceneWriter = Lucene.Net.Index.IndexWriter;

namespace LuceneReco.Host.Tests.Serving;

/// <summary>
/// <c>serve</c> over a Lucene.Net index another application writes with Lucene.Net directly, attached read-only with a
/// schema file: a real server on 127.0.0.1 (a free port) answers search, similar items and recommendations with explanations
/// from that index, sees the application's later commits after its periodic refresh, and refuses item writes with 409.
/// </summary>
public sealed class LuceneNetServingTests : IAsyncLifetime
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
    private readonly StringWriter _log = new();
    private FSDirectory? _dir;
    private LuceneWriter? _app;
    private ServingHost? _host;
    private WebApplication? _server;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        string index = _files.PathOf("catalogue"), schema = _files.PathOf("catalogue-schema.json");
        File.WriteAllText(schema, Schema);
        _dir = FSDirectory.Open(index);
        _app = new LuceneWriter(_dir, new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48)));
        string[] brands = ["acme", "globex", "initech"];
        string[] kinds = ["laptop", "phone", "tablet", "monitor", "keyboard"];
        for (int i = 0; i < 40; i++)
            _app.AddDocument(Product($"P{i:000}", $"{brands[i % 3]} {kinds[i % 5]} model {i % 7}",
                $"A {kinds[i % 5]} with a {(i % 2 == 0 ? "bright screen" : "long battery")} for {(i % 4 == 0 ? "travel" : "office")} work", brands[i % 3]));
        _app.Commit();

        var options = new ServeOptions
        {
            Index = index,
            LuceneNetSchema = schema,
            Refresh = TimeSpan.FromMilliseconds(100),
            DataDirectory = _files.PathOf("data"),
        };
        Assert.Empty(options.Validate());
        _host = ServingHost.Open(options, TimeProvider.System, line => { lock (_log) _log.WriteLine(line); });
        _server = ServeApp.Build(_host, "http://127.0.0.1:0", TextWriter.Synchronized(_log));
        await _server.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(Assert.Single(ServeApp.Addresses(_server))), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _host?.Dispose();
        _app?.Dispose();
        _dir?.Dispose();
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

    private async Task<JsonElement> Get(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private async Task<JsonElement> Post(string path, string json)
    {
        using var response = await _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private static List<string> Ids(JsonElement results) =>
        results.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task Search_FindsTheApplicationsItems_WithStoredFields_AndExplanations()
    {
        var results = await Get("/search?q=tablet&filter=brand%3Dacme&k=20&explain=true");
        var items = results.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var fields = item.GetProperty("fields");
            Assert.Equal("acme", fields.GetProperty("brand").GetString());
            Assert.Contains("tablet", fields.GetProperty("name").GetString()!, StringComparison.Ordinal);
            Assert.Contains(item.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("text").GetString()!.Contains("tablet", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Similar_FindsItemsLikeOne_LeavingItOut_SayingWhatTheyShare()
    {
        var results = await Get("/items/P002/similar?k=5&explain=true");
        var ids = Ids(results);
        Assert.NotEmpty(ids);
        Assert.DoesNotContain("P002", ids);
        var first = results.GetProperty("items")[0];
        Assert.Contains(first.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("kind").GetString() == "similar");
    }

    [Fact]
    public async Task Recommend_FromTheUsersInteractions_LeavesThemOut_AndSaysWhichOnesItFollows()
    {
        await Post("/events", """[{"userId": "ann", "itemId": "P002", "kind": "view"}, {"userId": "ann", "itemId": "P007", "kind": "view"}]""");
        var results = await Post("/recommend", """{"userId": "ann", "k": 5, "explain": true}""");
        var ids = Ids(results);
        Assert.NotEmpty(ids);
        Assert.DoesNotContain("P002", ids);
        Assert.DoesNotContain("P007", ids);
        var reasons = results.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("reasons").EnumerateArray()).ToList();
        Assert.Contains(reasons, r => r.GetProperty("kind").GetString() == "history"
            && r.GetProperty("items").EnumerateArray().Any(i => i.GetString() is "P002" or "P007"));
    }

    [Fact]
    public async Task AnItemTheApplicationCommitsAfterwards_IsFoundAfterTheRefresh()
    {
        Assert.Empty(Ids(await Get("/search?q=zeppelin")));
        _app!.AddDocument(Product("P999", "acme zeppelin", "A zeppelin for travel", "acme")); // the application writes on
        _app.Commit();
        var deadline = DateTime.UtcNow.AddSeconds(20); // the refresh runs every 100 ms; this only bounds a broken one
        List<string> found;
        while ((found = Ids(await Get("/search?q=zeppelin"))).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(["P999"], found);
        var item = await Get("/items/P999");
        Assert.Equal("acme zeppelin", item.GetProperty("name").GetString());
    }

    [Fact]
    public async Task ItemWrites_ToTheAttachedIndex_Answer409_SayingWhereToWrite_AndWriteNothing()
    {
        using var put = await _client.PutAsync("/items", new StringContent("""[{"id": "X1", "name": "intruder"}, {"id": "X2", "name": "intruder"}]""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        string problem = await put.Content.ReadAsStringAsync();
        Assert.Contains("another application's Lucene.Net index read-only", problem, StringComparison.Ordinal);
        using var delete = await _client.DeleteAsync("/items/P001");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Equal("P001", (await Get("/items/P001")).GetProperty("id").GetString());
        Assert.Empty(Ids(await Get("/search?q=intruder")));
    }

    [Fact]
    public void TheSemanticSource_WhichNeedsVectorsLuceneNetLacks_IsAConfigurationWarning()
    {
        Assert.Contains(_host!.Runner.Config.Warnings, w => w.Contains("semantic-profile", StringComparison.Ordinal) && w.Contains("no dense vectors", StringComparison.Ordinal));
    }
}
