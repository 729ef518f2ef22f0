using System.Net;
using LuceneReco.Host.Http;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Http;
using LuceneReco.Host.Tests.Pipelines;

namespace LuceneReco.Host.Tests.Interactions;

/// <summary>A real server opened as <c>serve --store FILE</c> does: events are written through to SQLite and read back at once.</summary>
public sealed class SqliteStoreServingTests : IAsyncLifetime
{
    private readonly TestFiles _files = new();
    private ServingHost? _host;
    private Microsoft.AspNetCore.Builder.WebApplication? _app;
    private HttpClient _client = null!;

    private string StorePath => _files.PathOf("store/events.db");

    public async Task InitializeAsync()
    {
        SampleIndex.Build(_files.PathOf("index"));
        Directory.CreateDirectory(_files.PathOf("store"));
        _host = ServingHost.Open(new ServeOptions { Index = _files.PathOf("index"), Store = StorePath }, TimeProvider.System, _ => { });
        _app = ServeApp.Build(_host, "http://127.0.0.1:0", TextWriter.Null);
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(Assert.Single(ServeApp.Addresses(_app))), Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        _host?.Dispose();
        _files.Dispose();
    }

    [Fact]
    public async Task PostedEvents_AreInTheFile_AndUsedByTheNextRecommendation_AndDeleteUserErasesThem()
    {
        Assert.IsType<SqliteInteractionStore>(_host!.Interactions);
        var posted = await Send(HttpMethod.Post, "/events", """[{"userId":"sq1","itemId":"b001"},{"userId":"sq1","itemId":"f059","kind":"click","weight":2},{"userId":"sq2","itemId":"b001"}]""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        // Another connection to the file sees the events at once.
        using (var other = SqliteInteractionStore.Open(StorePath))
            Assert.Equal(["f059", "b001"], other.ForUser("sq1").Select(e => e.ItemId));

        var recommended = await ServerFixture.Json(await Send(HttpMethod.Post, "/recommend", """{"userId":"sq1","k":5}"""));
        var ids = recommended.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToArray();
        Assert.NotEmpty(ids);
        Assert.DoesNotContain("b001", ids);
        Assert.DoesNotContain("f059", ids);

        var bad = await Send(HttpMethod.Post, "/events", """[{"userId":"sq3","itemId":"b002"},{"userId":"sq3"}]""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Empty(_host.Interactions.ForUser("sq3"));

        var erased = await ServerFixture.Json(await _client.DeleteAsync("/users/sq1"));
        Assert.Equal(2, erased.GetProperty("erased").GetInt32());
        Assert.Empty(_host.Interactions.ForUser("sq1"));
        Assert.Single(_host.Interactions.ForUser("sq2"));
        var alias = await ServerFixture.Json(await _client.DeleteAsync("/users/sq2/events"));
        Assert.Equal(1, alias.GetProperty("erased").GetInt32());
        Assert.Equal(0, _host.Interactions.Count);
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string json) =>
        _client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") });
}
