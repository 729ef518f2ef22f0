using System.Net;
using System.Net.Sockets;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Host.Tests.Pipelines;
using LuceneReco.LoadTest;

namespace LuceneReco.Host.Tests.Security;

/// <summary><c>serve</c> refuses to start beyond loopback without a key, and every startup error is one line and exit 2.</summary>
[Collection(LuceneReco.Host.Tests.EndToEnd.ServerProcessCollection.Name)]
public sealed class StartupTests : IDisposable
{
    private readonly TestFiles _files = new();
    private readonly string _index;

    public StartupTests()
    {
        _index = _files.PathOf("index");
        SampleIndex.Build(_index);
    }

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://[::]:0")]
    [InlineData("http://*:0")]
    [InlineData("http://127.0.0.1:0;http://192.0.2.7:0")]
    public void BeyondLoopback_WithoutAKey_ExitsTwo_BeforeListening(string urls)
    {
        var run = CliRun.Of("serve", "--index", _index, "--urls", urls);
        var line = run.AssertOneLineFailure(2);
        Assert.Contains("reaches beyond this machine: give an API key (--api-key-file FILE or LUCENERECO_API_KEY), or --insecure-no-auth", line);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void PortInUse_ExitsTwo_WithOneLine()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var line = CliRun.Of("serve", "--index", _index, "--urls", $"http://127.0.0.1:{port}").AssertOneLineFailure(2);
        Assert.Contains($"127.0.0.1:{port}", line);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("http://127.0.0.1:5080/path")]
    public void BadUrls_ExitTwo_WithOneLine(string urls)
    {
        var line = CliRun.Of("serve", "--index", _index, "--urls", urls).AssertOneLineFailure(2);
        Assert.Contains("--urls must be http://HOST:PORT", line);
    }

    [Fact]
    public void MissingKeyFile_ExitsTwo_NamingTheFile()
    {
        var missing = _files.PathOf("no-key.txt");
        var line = CliRun.Of("serve", "--index", _index, "--urls", "http://0.0.0.0:0", "--api-key-file", missing).AssertOneLineFailure(2);
        Assert.Contains($"API key file '{missing}' does not exist", line);
    }

    [Fact]
    public void BadLimit_ExitsTwo_NamingIt()
    {
        var line = CliRun.Of("serve", "--index", _index, "--limit", "maxIdLength=zero").AssertOneLineFailure(2);
        Assert.Contains("--limit maxIdLength must be a whole number", line);
    }

    [Fact]
    public async Task BeyondLoopback_WithAKeyFile_Serves_AndWritesNeedTheKey_AndTheKeyIsNeverPrinted()
    {
        var keyFile = _files.Write("key.txt", SecureServer.Key + "\n");
        using var server = await ServerProcess.StartAsync(BuildOutputs.HostDll,
            ["--index", _index, "--urls", "http://0.0.0.0:0", "--api-key-file", keyFile], TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.BaseAddress.Port}") };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search?q=orbit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/plugins/reload", null)).StatusCode);
        var keyed = new HttpRequestMessage(HttpMethod.Post, "/plugins/reload");
        keyed.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", SecureServer.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(keyed)).StatusCode);
        Assert.Equal(0, server.Stop(TimeSpan.FromSeconds(20)));
        Assert.DoesNotContain(SecureServer.Key, server.StandardError);
    }

    [Fact]
    public async Task InsecureNoAuth_WarnsAtStart()
    {
        using var server = await ServerProcess.StartAsync(BuildOutputs.HostDll,
            ["--index", _index, "--urls", "http://0.0.0.0:0", "--insecure-no-auth"], TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.BaseAddress.Port}") };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/plugins/reload", null)).StatusCode);
        Assert.Equal(0, server.Stop(TimeSpan.FromSeconds(20)));
        Assert.Contains("warning: --insecure-no-auth", server.StandardError);
    }
}
