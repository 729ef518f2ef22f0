using System.Net;
using System.Text;

namespace LuceneReco.Host.Tests.Security;

/// <summary>A Host the server does not answer to (DNS rebinding) is refused; so are cross-site and non-JSON writes.</summary>
public sealed class RequestFilterTests
{
    [Fact]
    public async Task WrongHost_Is421_OnReadsAndWrites_AndLoopbackNamesPass()
    {
        await using var server = await SecureServer.StartAsync();
        foreach (var host in new[] { "evil.example", "attacker.test:5080", "10.1.2.3" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/search?q=orbit");
            request.Headers.Host = host;
            var problem = await ProblemAssert.Is(await server.Client.SendAsync(request), 421);
            Assert.Contains("does not answer to the host name", ProblemAssert.Detail(problem));
        }
        foreach (var host in new[] { "localhost", $"127.0.0.1:{server.Address.Port}", $"[::1]:{server.Address.Port}" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/health");
            request.Headers.Host = host;
            Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(request)).StatusCode);
        }
    }

    [Fact]
    public async Task AllowedHosts_AddNames()
    {
        await using var server = await SecureServer.StartAsync(new Host.Http.Security.ServeSecurity { AllowedHosts = ["reco.example"] });
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = "reco.example";
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(request)).StatusCode);
        var other = new HttpRequestMessage(HttpMethod.Get, "/health");
        other.Headers.Host = "other.example";
        await ProblemAssert.Is(await server.Client.SendAsync(other), 421);
    }

    [Fact]
    public async Task FormPost_Is415_OnReloadItemsAndEvents()
    {
        await using var server = await SecureServer.StartAsync();
        foreach (var path in new[] { "/plugins/reload", "/events", "/recommend" })
        {
            var response = await server.Client.PostAsync(path, new FormUrlEncodedContent([new("userId", "u"), new("itemId", "b001")]));
            await ProblemAssert.Is(response, 415);
        }
        var put = await server.Client.PutAsync("/items", new StringContent("""{"id":"x"}""", Encoding.UTF8, "text/plain"));
        await ProblemAssert.Is(put, 415);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.PostAsync("/plugins/reload", null)).StatusCode); // no body is fine
    }

    [Fact]
    public async Task CrossSiteOrigin_OnAWrite_Is403_ButItsOwnOriginPasses()
    {
        await using var server = await SecureServer.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/plugins/reload");
        request.Headers.Add("Origin", "https://evil.example");
        await ProblemAssert.Is(await server.Client.SendAsync(request), 403);
        var own = new HttpRequestMessage(HttpMethod.Post, "/plugins/reload");
        own.Headers.Add("Origin", $"http://127.0.0.1:{server.Address.Port}");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(own)).StatusCode);
        var read = new HttpRequestMessage(HttpMethod.Get, "/health");
        read.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(read)).StatusCode);
    }
}
