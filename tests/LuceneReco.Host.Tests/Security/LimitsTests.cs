using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LuceneReco.Host.Http.Security;

namespace LuceneReco.Host.Tests.Security;

/// <summary>Every field, item, batch and body has a limit; a request over one is refused naming it, and writes nothing.</summary>
public sealed class LimitsTests
{
    private static string ItemJson(string id, string title = "A title", string kind = "books") =>
        $$"""{"id":"{{id}}","title":"{{title}}","body":"some words","category":"{{kind}}","tags":["t"]}""";

    [Fact]
    public async Task OversizeFields_Are400_NamingTheFieldAndTheLimit()
    {
        await using var server = await SecureServer.StartAsync();
        var limits = RequestLimits.Default;
        var cases = new (HttpMethod Method, string Path, string Json, string Field, string Limit)[]
        {
            (HttpMethod.Put, "/items", ItemJson(new string('i', limits.MaxIdLength + 1)), "item: id", "maxIdLength"),
            (HttpMethod.Put, "/items", ItemJson("long-title", title: new string('t', limits.MaxFieldLength + 1)), "item: title", "maxFieldLength"),
            (HttpMethod.Post, "/events", $$"""{"userId":"{{new string('u', limits.MaxIdLength + 1)}}","itemId":"b001"}""", "event 1: userId", "maxIdLength"),
            (HttpMethod.Post, "/events", $$"""[{"userId":"u","itemId":"b001"},{"userId":"u","itemId":"b001","kind":"{{new string('k', limits.MaxKindLength + 1)}}"}]""", "event 2: kind", "maxKindLength"),
            (HttpMethod.Post, "/recommend", $$"""{"userId":"{{new string('u', limits.MaxIdLength + 1)}}"}""", "userId", "maxIdLength"),
            (HttpMethod.Post, "/recommend", $$"""{"userId":"u","query":"{{new string('q', limits.MaxQueryLength + 1)}}"}""", "query", "maxQueryLength"),
        };
        foreach (var c in cases)
        {
            var problem = await ProblemAssert.Is(await server.Send(c.Method, c.Path, c.Json), 400);
            var messages = problem.GetProperty("errors").GetProperty(c.Field).EnumerateArray().Select(m => m.GetString()!).ToList();
            Assert.Contains(messages, m => m.Contains($"the limit {c.Limit} is", StringComparison.Ordinal));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/items/long-title")).StatusCode);
        var route = await ProblemAssert.Is(await server.Client.GetAsync("/items/" + new string('r', limits.MaxIdLength + 1)), 400);
        Assert.Contains("maxIdLength", ProblemAssert.Detail(route));
        var query = await ProblemAssert.Is(await server.Client.GetAsync("/search?q=" + new string('q', limits.MaxQueryLength + 1)), 400);
        Assert.Contains("q is 4,097 characters; the limit maxQueryLength is 4,096", ProblemAssert.Detail(query));
    }

    [Fact]
    public async Task OversizeItem_Is413_NamingMaxItemBytes_AndAtTheLimitIsAccepted()
    {
        var limits = new RequestLimits { MaxItemBytes = 4_000 };
        await using var server = await SecureServer.StartAsync(new ServeSecurity { Limits = limits });
        string Sized(string id, int bytes) { var json = ItemJson(id, title: "x"); return json.Replace("\"title\":\"x\"", "\"title\":\"" + new string('x', bytes - json.Length + 1) + "\"", StringComparison.Ordinal); }
        var over = Sized("big", 4_001);
        Assert.Equal(4_001, Encoding.UTF8.GetByteCount(over));
        var problem = await ProblemAssert.Is(await server.Send(HttpMethod.Put, "/items", $"[{ItemJson("small")},{over}]"), 413);
        Assert.Equal("maxItemBytes", problem.GetProperty("limit").GetString());
        Assert.Equal("item 2", problem.GetProperty("field").GetString());
        Assert.StartsWith("item 2 is 4,001 bytes of JSON; the limit maxItemBytes is 4,000 bytes", ProblemAssert.Detail(problem));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/items/small")).StatusCode);
        var at = await server.Send(HttpMethod.Put, "/items", Sized("big", 4_000));
        Assert.True(at.StatusCode == HttpStatusCode.OK, await at.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OversizeBody_Is413_BothWithContentLengthAndChunked()
    {
        var limits = new RequestLimits { MaxBodyBytes = 10_000, MaxItemBytes = 5_000 };
        await using var server = await SecureServer.StartAsync(new ServeSecurity { Limits = limits });
        var items = "[" + string.Join(",", Enumerable.Range(0, 200).Select(i => ItemJson($"body-{i}"))) + "]";
        // Expect: 100-continue, as a client sending a large body should: the server refuses before the body is sent
        var sized = new HttpRequestMessage(HttpMethod.Put, "/items") { Content = new StringContent(items, Encoding.UTF8, "application/json") };
        sized.Headers.ExpectContinue = true;
        var problem = await ProblemAssert.Is(await server.Client.SendAsync(sized), 413);
        Assert.Equal("maxBodyBytes", problem.GetProperty("limit").GetString());
        Assert.Contains("the limit maxBodyBytes is 10,000 bytes", ProblemAssert.Detail(problem));

        // the server answers 413 and closes as soon as the limit is passed; when that lands before the client's last chunk,
        // the client sees a broken pipe instead of the answer (a transport race, not the server's doing), so it tries again
        HttpResponseMessage? response = null;
        var races = new List<string>();
        for (int attempt = 0; response is null && attempt < 5; attempt++)
        {
            var chunked = new HttpRequestMessage(HttpMethod.Put, "/items") { Content = new PushStreamContent(items) };
            chunked.Headers.TransferEncodingChunked = true;
            try { response = await server.Client.SendAsync(chunked); }
            catch (HttpRequestException e) when (e.InnerException is IOException) { races.Add(e.InnerException.Message); }
        }
        Assert.True(response is not null, "every chunked attempt lost its answer to the connection closing: " + string.Join("; ", races));
        var chunkedProblem = await ProblemAssert.Is(response, 413);
        Assert.Contains("maxBodyBytes", ProblemAssert.Detail(chunkedProblem));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/items/body-0")).StatusCode);
    }

    [Fact]
    public async Task OversizeBatch_Is400_NamingMaxBatch()
    {
        await using var server = await SecureServer.StartAsync(new ServeSecurity { Limits = new RequestLimits { MaxBatch = 3 } });
        var events = "[" + string.Join(",", Enumerable.Repeat("""{"userId":"u","itemId":"b001"}""", 4)) + "]";
        var problem = await ProblemAssert.Is(await server.Send(HttpMethod.Post, "/events", events), 400);
        Assert.Contains("holds 4 elements; the limit maxBatch is 3", ProblemAssert.Detail(problem));
        Assert.Equal(HttpStatusCode.OK, (await server.Send(HttpMethod.Post, "/events", "[" + string.Join(",", Enumerable.Repeat("""{"userId":"u","itemId":"b001"}""", 3)) + "]")).StatusCode);
    }

    [Fact]
    public async Task RateLimit_Answers429_WithRetryAfter_PerClient()
    {
        await using var server = await SecureServer.StartAsync(new ServeSecurity { Limits = new RequestLimits { RatePerSecond = 1, RateBurst = 3 } });
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (int i = 0; i < 6; i++)
        {
            var response = await server.Client.GetAsync("/health");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) refused ??= response;
        }
        Assert.True(statuses.Take(3).All(s => s == HttpStatusCode.OK), string.Join(", ", statuses));
        Assert.NotNull(refused);
        var problem = await ProblemAssert.Is(refused, 429);
        Assert.Contains("ratePerSecond", ProblemAssert.Detail(problem));
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [Fact]
    public void Set_ReadsNamesAndValues_AndNamesEveryBadOne()
    {
        var limits = new RequestLimits();
        Assert.Null(limits.Set("maxIdLength=1024"));
        Assert.Null(limits.Set("ratePerSecond=off"));
        Assert.Equal(1024, limits.MaxIdLength);
        Assert.Null(limits.RatePerSecond);
        Assert.Contains("NAME one of maxIdLength", limits.Set("maxIds=3"));
        Assert.Contains("must be a whole number", limits.Set("maxBatch=-1"));
        limits.MaxItemBytes = 100;
        limits.MaxBodyBytes = 10;
        limits.MaxBatch = 20_000;
        var errors = limits.Validate();
        Assert.Equal(2, errors.Count);
    }

    /// <summary>A body sent without a length (chunked).</summary>
    private sealed class PushStreamContent : HttpContent
    {
        private readonly string _text;

        public PushStreamContent(string text)
        {
            _text = text;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var bytes = Encoding.UTF8.GetBytes(_text);
            for (int i = 0; i < bytes.Length; i += 1000)
            {
                try
                {
                    await stream.WriteAsync(bytes.AsMemory(i, Math.Min(1000, bytes.Length - i)));
                }
                catch (IOException)
                {
                    return; // the server answered 413 and stopped reading
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
