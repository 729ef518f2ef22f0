using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.Http;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Serving;

/// <summary>
/// <c>serve</c> over the Lucene.Net index <c>index build --backend lucenenet</c> wrote: a real server on 127.0.0.1 takes item
/// writes there (committed before the answer, seen by the next request, still there after a restart).
/// </summary>
public sealed class LuceneNetOwnIndexServingTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly string _index;

    public LuceneNetOwnIndexServingTests()
    {
        _index = _files.PathOf("index");
        CliRun.Of("index", "build", "--index", _index, "--items", TestFiles.Sample("catalogue.tsv"), "--backend", "lucenenet").AssertOk();
    }

    public void Dispose() => _files.Dispose();

    private async Task<T> Serving<T>(Func<HttpClient, ServingHost, Task<T>> use)
    {
        using var host = ServingHost.Open(new ServeOptions { Index = _index, DataDirectory = _files.PathOf("data") }, TimeProvider.System, _ => { });
        await using var server = ServeApp.Build(host, "http://127.0.0.1:0", TextWriter.Null);
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(Assert.Single(ServeApp.Addresses(server))), Timeout = TimeSpan.FromSeconds(30) };
        return await use(client, host);
    }

    private static async Task<List<string>> Ids(HttpClient client, string path)
    {
        var json = await client.GetFromJsonAsync<JsonElement>(path);
        return json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    [Fact]
    public async Task ItemWrites_AreSeenByTheNextRequest_AndOutliveARestart()
    {
        string backend = await Serving(async (client, host) =>
        {
            using var put = await client.PutAsync("/items", new StringContent(
                """[{"id": "z1", "title": "The Zeppelin Summer", "body": "An airship crosses the ocean", "category": "books"}, {"id": "z2", "title": "Zeppelin Winter", "category": "films"}]""",
                Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal(["z1", "z2"], (await Ids(client, "/search?q=zeppelin&k=10")).Order(StringComparer.Ordinal));
            using var delete = await client.DeleteAsync("/items/z2");
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
            Assert.Equal(["z1"], await Ids(client, "/search?q=zeppelin&k=10"));
            return host.Index.Backend;
        });
        Assert.Equal("lucenenet", backend);
        var afterRestart = await Serving((client, _) => Ids(client, "/search?q=zeppelin&k=10"));
        Assert.Equal(["z1"], afterRestart);
    }
}
