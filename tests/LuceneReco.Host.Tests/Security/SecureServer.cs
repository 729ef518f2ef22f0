using System.Text;
using LuceneReco.Host.Http;
using LuceneReco.Host.Http.Security;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Pipelines;
using Microsoft.AspNetCore.Builder;

namespace LuceneReco.Host.Tests.Security;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (free port) over a writable copy of the sample index, with the security a test
/// asks for and an interaction store of its choosing; its log is kept to check what it says.
/// </summary>
internal sealed class SecureServer : IAsyncDisposable
{
    /// <summary>A key long enough for <see cref="ApiKey"/>.</summary>
    public const string Key = "test-key-0123456789abcdef";

    private readonly TestFiles _files = new();
    private readonly StringWriter _log = new();
    private WebApplication? _app;
    private ServingHost? _host;

    private SecureServer() { }

    public HttpClient Client { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public string IndexDirectory => _files.PathOf("index");

    public string Log { get { lock (_log) return _log.ToString(); } }

    public static ApiKey TheKey => ApiKey.From(Key, "the test", out _)!;

    /// <summary>Starts a server with <paramref name="security"/> (default: loopback, no key, default limits).</summary>
    public static async Task<SecureServer> StartAsync(ServeSecurity? security = null, IInteractionStore? store = null)
    {
        var server = new SecureServer();
        var index = server.IndexDirectory;
        SampleIndex.Build(index);
        server._host = new ServingHost(IndexService.Open(index), store ?? new InMemoryInteractionStore(), new EmptyRankerCatalog(),
            ServingConfigSource.Fixed(ServingConfig.BuiltIn), TimeProvider.System, server._files.PathOf("data"), line => { lock (server._log) server._log.WriteLine(line); });
        server._app = ServeApp.Build(server._host, "http://127.0.0.1:0", TextWriter.Synchronized(server._log), security ?? ServeSecurity.Default);
        await server._app.StartAsync();
        server.Address = new Uri(Assert.Single(ServeApp.Addresses(server._app)));
        server.Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
        return server;
    }

    /// <summary>Sends <paramref name="json"/> as an application/json body, with the key in <c>Authorization</c> when <paramref name="key"/> is given.</summary>
    public Task<HttpResponseMessage> Send(HttpMethod method, string path, string? json = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (key is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return Client.SendAsync(request);
    }

    /// <summary>The index's check: every file's problem, none when healthy.</summary>
    public IReadOnlyList<string> CheckIndex()
    {
        return LuceneReco.Index.IndexChecker.Check(IndexDirectory).Where(c => c.Problem is not null).Select(c => $"{c.File}: {c.Problem}").ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        _host?.Dispose();
        _files.Dispose();
    }
}
