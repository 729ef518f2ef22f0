using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.Http;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Pipelines;
using Microsoft.AspNetCore.Builder;

namespace LuceneReco.Host.Tests.Durability;

/// <summary>
/// A real Kestrel server on 127.0.0.1 over real files in one folder: a writable copy of the sample index (<c>index/</c>),
/// a SQLite interaction store (<c>events.db</c>), a SQLite feature log every pipeline writes (<c>served.db</c>), and
/// the plugin data folder (<c>plugin-data/</c>). <see cref="DisposeAsync"/> stops it cleanly; the folder stays for the caller.
/// </summary>
internal sealed class DurableServer : IAsyncDisposable
{
    private readonly StringWriter _log = new();
    private WebApplication _app = null!;

    private DurableServer(string root) => Root = root;

    /// <summary>The folder holding everything the server keeps.</summary>
    public string Root { get; }

    public string IndexPath => Path.Combine(Root, "index");

    public string StorePath => Path.Combine(Root, "events.db");

    public string FeatureLogPath => Path.Combine(Root, "served.db");

    public ServingHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>Starts a server over <paramref name="root"/>, building the sample index there first when there is none.</summary>
    public static async Task<DurableServer> StartAsync(string root)
    {
        var server = new DurableServer(root);
        Directory.CreateDirectory(root);
        if (!Directory.Exists(server.IndexPath)) SampleIndex.Build(server.IndexPath);
        var pipelines = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal);
        foreach (var (name, pipeline) in ServingConfig.BuiltIn.Pipelines) // every pipeline logs what it serves, with the user's id
            pipelines[name] = pipeline with { FeatureLog = new FeatureLogSettings { Path = server.FeatureLogPath } };
        var config = ServingConfig.BuiltIn with { Pipelines = pipelines };
        server.Host = new ServingHost(IndexService.Open(server.IndexPath), SqliteInteractionStore.Open(server.StorePath), new EmptyRankerCatalog(),
            ServingConfigSource.Fixed(config), TimeProvider.System, Path.Combine(root, "plugin-data"), line => { lock (server._log) server._log.WriteLine(line); });
        server._app = ServeApp.Build(server.Host, "http://127.0.0.1:0", TextWriter.Synchronized(server._log));
        await server._app.StartAsync();
        server.Client = new HttpClient { BaseAddress = new Uri(Assert.Single(ServeApp.Addresses(server._app))), Timeout = TimeSpan.FromSeconds(60) };
        return server;
    }

    /// <summary>Sends <paramref name="json"/> as an application/json body.</summary>
    public Task<HttpResponseMessage> Send(HttpMethod method, string path, string json) =>
        Client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>GETs <paramref name="path"/> and reads the body as JSON.</summary>
    public async Task<JsonElement> GetJson(string path)
    {
        using var response = await Client.GetAsync(path);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        Host.Dispose();
    }
}
