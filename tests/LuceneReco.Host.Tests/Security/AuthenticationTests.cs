using System.Net;
using LuceneReco.Host.Http.Security;

namespace LuceneReco.Host.Tests.Security;

/// <summary>With an API key, write and admin endpoints need it (reads too with key reads on); a wrong key is refused like none.</summary>
public sealed class AuthenticationTests
{
    private const string Item = """{"id":"auth-1","title":"Keyed item","body":"written with the key","category":"books","tags":["k"]}""";

    [Fact]
    public async Task Writes_WithoutTheKey_Are401_AndWriteNothing()
    {
        await using var server = await SecureServer.StartAsync(new ServeSecurity { Key = SecureServer.TheKey });
        foreach (var (method, path, json) in new (HttpMethod, string, string?)[]
                 {
                     (HttpMethod.Put, "/items", Item), (HttpMethod.Delete, "/items/b001", null), (HttpMethod.Post, "/events", """{"userId":"u","itemId":"b001"}"""),
                     (HttpMethod.Delete, "/users/u", null), (HttpMethod.Delete, "/users/u/events", null), (HttpMethod.Post, "/plugins/reload", null),
                     (HttpMethod.Post, "/admin/models/promote", """{"model":"collaborative/models/itemknn","version":1}"""),
                     (HttpMethod.Post, "/admin/models/rollback", """{"model":"collaborative/models/itemknn"}"""),
                 })
        {
            var response = await server.Send(method, path, json);
            var problem = await ProblemAssert.Is(response, 401);
            Assert.Contains("Authorization: Bearer KEY", ProblemAssert.Detail(problem));
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
        var wrong = await server.Send(HttpMethod.Put, "/items", Item, key: SecureServer.Key + "x");
        await ProblemAssert.Is(wrong, 401);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/items/auth-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/items/b001")).StatusCode); // not deleted
    }

    [Fact]
    public async Task Writes_WithTheKey_InEitherHeader_AreAccepted_AndReadsNeedNone()
    {
        await using var server = await SecureServer.StartAsync(new ServeSecurity { Key = SecureServer.TheKey });
        var put = await server.Send(HttpMethod.Put, "/items", Item, key: SecureServer.Key);
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var request = new HttpRequestMessage(HttpMethod.Delete, "/items/auth-1");
        request.Headers.Add("X-Api-Key", SecureServer.Key);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/search?q=orbit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Send(HttpMethod.Post, "/recommend", """{"userId":"u1"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/plugins")).StatusCode);
    }

    [Fact]
    public async Task KeyReads_ReadsNeedTheKey_ButHealthDoesNot()
    {
        await using var server = await SecureServer.StartAsync(new ServeSecurity { Key = SecureServer.TheKey, KeyReads = true });
        await ProblemAssert.Is(await server.Client.GetAsync("/search?q=orbit"), 401);
        await ProblemAssert.Is(await server.Client.GetAsync("/items/b001"), 401);
        await ProblemAssert.Is(await server.Send(HttpMethod.Post, "/recommend", """{"userId":"u1"}"""), 401);
        Assert.Equal(HttpStatusCode.OK, (await server.Send(HttpMethod.Get, "/search?q=orbit", key: SecureServer.Key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public void ApiKey_ToString_NeverShowsTheKey_AndMatchesOnlyItself()
    {
        var key = SecureServer.TheKey;
        Assert.DoesNotContain(SecureServer.Key, key.ToString());
        Assert.True(key.Matches(SecureServer.Key));
        Assert.True(key.Matches(" " + SecureServer.Key + "\n"));
        Assert.False(key.Matches(SecureServer.Key.AsSpan(0, SecureServer.Key.Length - 1)));
        Assert.False(key.Matches(""));
        Assert.Null(ApiKey.From("short", "x", out var problem));
        Assert.Contains("at least 16 characters", problem);
    }

    [Fact]
    public void KeyFile_HoldsOneKeyPerLine_ForRotation_AndABadLineIsNamed()
    {
        const string a = "first-key-0123456789", b = "second-key-0123456789";
        var keys = ApiKey.FromLines($"# rotated 2026-12\n{a}\n\n  {b}  \r\n", "'keys.txt'", out var problem);
        Assert.Null(problem);
        Assert.Equal(2, keys!.Count);
        Assert.Equal(0, keys.Which(a));
        Assert.Equal(1, keys.Which(b));
        Assert.Equal(-1, keys.Which(a + b));
        Assert.DoesNotContain(a, keys.ToString());

        Assert.Null(ApiKey.FromLines($"{a}\nshort\n", "'keys.txt'", out problem));
        Assert.Equal("the API key in 'keys.txt' line 2 must be at least 16 characters", problem);
        Assert.Null(ApiKey.FromLines("# nothing yet\n\n", "'keys.txt'", out problem));
        Assert.Equal("'keys.txt' holds no API key", problem);
    }

    [Fact]
    public async Task TwoKeys_BothWrite_AndEachHasItsOwnRateBucket()
    {
        const string other = "the-other-key-0123456789";
        var keys = ApiKey.FromLines($"{SecureServer.Key}\n{other}\n", "the test", out _)!;
        await using var server = await SecureServer.StartAsync(new ServeSecurity { Key = keys, KeyReads = true, Limits = new RequestLimits { RatePerSecond = 1, RateBurst = 2 } });
        Assert.Equal(HttpStatusCode.OK, (await server.Send(HttpMethod.Get, "/search?q=orbit", key: other)).StatusCode);
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 6 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
            statuses.Add((await server.Send(HttpMethod.Get, "/search?q=orbit", key: SecureServer.Key)).StatusCode);
        Assert.True(statuses[0] == HttpStatusCode.OK && statuses[^1] == HttpStatusCode.TooManyRequests, string.Join(", ", statuses));
        // the first key's bucket is empty now; the second's is its own
        Assert.Equal(HttpStatusCode.OK, (await server.Send(HttpMethod.Get, "/search?q=orbit", key: other)).StatusCode);
        await ProblemAssert.Is(await server.Send(HttpMethod.Get, "/search?q=orbit", key: other + "x"), 401);
    }
}
