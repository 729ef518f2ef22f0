using LuceneReco.Host.Interactions;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.Http;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Pipelines;
using LuceneReco.Plugins;
using Microsoft.AspNetCore.Builder;

namespace LuceneReco.Host.Tests.Http;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a free port, over a writable copy of the sample index, with one
/// fake ranker in a second pipeline. Started once for the HTTP tests; each test uses its own ids and users.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly TestFiles _files = new();
    private readonly StringWriter _log = new();
    private WebApplication? _app;
    private ServingHost? _host;

    internal FakeCatalog Catalog { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public string Log { get { lock (_log) return _log.ToString(); } }

    public async Task InitializeAsync()
    {
        var index = _files.PathOf("index");
        SampleIndex.Build(index);
        Catalog.Add(FakePlugin.Reverse());
        var config = ServingConfig.BuiltIn with
        {
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["default"] = ServingConfig.BuiltIn.Pipelines["default"],
                ["reversed"] = ServingConfig.BuiltIn.Pipelines["default"] with
                {
                    Stages = [new StageStep { Ranker = "reverse", BudgetMs = 2000 }, new StageStep { Ranker = "absent" }],
                },
            },
        };
        _host = new ServingHost(IndexService.Open(index), new ExplodingStore(new InMemoryInteractionStore()), Catalog,
            ServingConfigSource.Fixed(config), TimeProvider.System, _files.PathOf("data"), line => { lock (_log) _log.WriteLine(line); });
        _app = ServeApp.Build(_host, "http://127.0.0.1:0", TextWriter.Synchronized(_log));
        await _app.StartAsync();
        var address = Assert.Single(ServeApp.Addresses(_app));
        Assert.StartsWith("http://127.0.0.1:", address);
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        _host?.Dispose();
        _files.Dispose();
    }

    /// <summary>Sends <paramref name="json"/> as an application/json body.</summary>
    public Task<HttpResponseMessage> Send(HttpMethod method, string path, string json) =>
        Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>Reads a response body as JSON.</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    /// <summary>The in-memory store, except that reading the history of user "explode" fails (to provoke a 500).</summary>
    private sealed class ExplodingStore(IInteractionStore inner) : IInteractionStore
    {
        public long Count => inner.Count;

        public void Add(Interaction interaction) => inner.Add(interaction);

        public int EraseUser(string userId) => inner.EraseUser(userId);

        public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => inner.ForItem(itemId, max);

        public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) =>
            userId == "explode" ? throw new InvalidOperationException("secret internal detail") : inner.ForUser(userId, max);
    }
}
