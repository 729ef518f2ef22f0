using System.Net;
using System.Text.Json;
using LuceneReco.Host.Http;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Pipelines;
using LuceneReco.Plugins;
using Microsoft.Extensions.Time.Testing;

namespace LuceneReco.Host.Tests.Web;

/// <summary><c>GET /users?limit=&amp;offset=</c> (the demo page's user picker) and the stores' <c>Users</c> page behind it.</summary>
public sealed class UserListEndpointTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>u3 has 3 events, u1 and u2 two each (a tie, broken by id), u0 one; u3's newest is at Start + 10 h.</summary>
    private static IEnumerable<Interaction> Events() =>
    [
        new("u2", "b001", "view", 1, Start),
        new("u3", "b001", "view", 1, Start.AddHours(1)),
        new("u1", "b002", "view", 1, Start.AddHours(2)),
        new("u3", "b002", "click", 2, Start.AddHours(10)),
        new("u0", "b003", "view", 1, Start.AddHours(3)),
        new("u2", "b003", "view", 1, Start.AddHours(4)),
        new("u1", "b004", "view", 1, Start.AddHours(5)),
        new("u3", "b005", "view", 1, Start.AddHours(6)),
    ];

    private IInteractionStore Store(string kind)
    {
        IInteractionStore store = kind == "sqlite" ? SqliteInteractionStore.Open(_files.PathOf("events.db")) : new InMemoryInteractionStore();
        store.AddRange(Events());
        return store;
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    public void Users_MostEventsFirst_TiesById_InPages(string kind)
    {
        var store = Store(kind);
        try
        {
            var all = store.Users(0, 10);
            Assert.Equal(4, all.Total);
            Assert.Equal(["u3", "u1", "u2", "u0"], all.Users.Select(u => u.Id));
            Assert.Equal([3L, 2, 2, 1], all.Users.Select(u => u.Events));
            Assert.Equal(Start.AddHours(10), all.Users[0].Last);

            var second = store.Users(1, 2);
            Assert.Equal(["u1", "u2"], second.Users.Select(u => u.Id));
            Assert.Equal(4, second.Total);
            Assert.Empty(store.Users(4, 2).Users);
            Assert.Empty(store.Users(0, 0).Users);

            store.EraseUser("u3");
            var after = store.Users(0, 10);
            Assert.Equal(3, after.Total);
            Assert.Equal(["u1", "u2", "u0"], after.Users.Select(u => u.Id));
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public async Task GetUsers_PagesWithNextOffset_AndChecksItsParameters()
    {
        var index = _files.PathOf("index");
        SampleIndex.Build(index);
        using var store = SqliteInteractionStore.Open(_files.PathOf("events.db"));
        store.AddRange(Events());
        using var host = new ServingHost(IndexService.Open(index), store, new FakeCatalog(),
            ServingConfigSource.Fixed(ServingConfig.BuiltIn), new FakeTimeProvider(), _files.PathOf("data"), _ => { });
        await using var app = ServeApp.Build(host, "http://127.0.0.1:0", TextWriter.Null);
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(Assert.Single(ServeApp.Addresses(app))), Timeout = TimeSpan.FromSeconds(20) };

        var first = await Get(client, "/users?limit=3", HttpStatusCode.OK);
        Assert.Equal(["u3", "u1", "u2"], first.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        Assert.Equal(3, first.GetProperty("users")[0].GetProperty("events").GetInt64());
        Assert.Equal(Start.AddHours(10), first.GetProperty("users")[0].GetProperty("lastEvent").GetDateTimeOffset());
        Assert.Equal(4, first.GetProperty("total").GetInt64());
        Assert.Equal(0, first.GetProperty("offset").GetInt32());
        Assert.Equal(3, first.GetProperty("nextOffset").GetInt32());

        var last = await Get(client, "/users?limit=3&offset=3", HttpStatusCode.OK);
        Assert.Equal(["u0"], last.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        Assert.False(last.TryGetProperty("nextOffset", out _), "the last page has no nextOffset");

        var byDefault = await Get(client, "/users", HttpStatusCode.OK);
        Assert.Equal(4, byDefault.GetProperty("users").GetArrayLength());
        Assert.Empty((await Get(client, "/users?offset=100", HttpStatusCode.OK)).GetProperty("users").EnumerateArray());

        var bad = await Get(client, "/users?limit=0&offset=-1", HttpStatusCode.BadRequest);
        var detail = bad.GetProperty("detail").GetString()!;
        Assert.Contains("limit must be a whole number from 1 to 1,000, got '0'", detail);
        Assert.Contains("offset must be a whole number from 0", detail);
        Assert.Contains("limit must be", (await Get(client, "/users?limit=1001", HttpStatusCode.BadRequest)).GetProperty("detail").GetString());

        var openApi = await Get(client, "/openapi/v1.json", HttpStatusCode.OK);
        var operation = openApi.GetProperty("paths").GetProperty("/users").GetProperty("get");
        Assert.Equal(["limit", "offset"], operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        Assert.Contains("most events first", operation.GetProperty("summary").GetString());
        var parameters = operation.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(1000, parameters["limit"].GetProperty("schema").GetProperty("maximum").GetInt32());
        Assert.Equal(20, parameters["limit"].GetProperty("schema").GetProperty("default").GetInt32());
        Assert.Contains("nextOffset", parameters["offset"].GetProperty("description").GetString());
    }

    private static async Task<JsonElement> Get(HttpClient client, string path, HttpStatusCode status)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"GET {path}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
