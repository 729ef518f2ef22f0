using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LuceneReco.Host.Http.Security;
using LuceneReco.Host.Interactions;
using Microsoft.Data.Sqlite;

namespace LuceneReco.Host.Tests.Security;

/// <summary>
/// Seeded fuzzing of the HTTP API: thousands of requests from valid ones mutated (methods, paths with escapes, query
/// strings, bodies, content types, Host and Origin headers) get no 5xx; the index and the SQLite store still pass their
/// checks afterwards. <c>LUCENERECO_FUZZ_ITERATIONS=50000</c> runs longer (docs/security.md).
/// </summary>
public sealed class HttpFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly Uri Loopback = new("http://127.0.0.1/");

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] Paths =
        ["/search", "/recommend", "/items", "/items/{id}", "/items/{id}/similar", "/events", "/users/{id}", "/users/{id}/events", "/plugins",
         "/plugins/reload", "/health", "/metrics", "/openapi/v1.json", "/{id}", "/items/{id}/{id}", "/nope"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task RandomRequests_GetNo5xx_AndTheStoreAndIndexStayHealthy(int seed)
    {
        using var files = new TestFiles();
        var storePath = files.PathOf("events.db");
        var store = SqliteInteractionStore.Open(storePath);
        var limits = new RequestLimits { RatePerSecond = null, MaxBodyBytes = 1 << 20, MaxItemBytes = 64 << 10 };
        await using (var server = await SecureServer.StartAsync(new ServeSecurity { Limits = limits }, store))
        {
            var fuzz = new FuzzInputs(seed);
            int n = FuzzInputs.Iterations(1500);
            var failures = new List<string>();
            var statuses = new SortedDictionary<int, int>();
            for (int i = 0; i < n && failures.Count < 5; i++)
            {
                using var request = Request(fuzz, out var described);
                HttpResponseMessage response;
                try
                {
                    response = await server.Client.SendAsync(request);
                }
                catch (HttpRequestException e)
                {
                    // Kestrel refuses some requests before reading them (a request line or headers over its limits: 414,
                    // 431) and closes the connection while the client still sends the body, which the client sees as a
                    // failed send. That is not a server fault as long as the server goes on answering.
                    using var probe = await server.Client.GetAsync("/health");
                    if (probe.StatusCode != System.Net.HttpStatusCode.OK) failures.Add($"request {i}: {described}: the connection failed ({e.Message}) and /health then answered {(int)probe.StatusCode}");
                    else statuses[0] = statuses.GetValueOrDefault(0) + 1; // "0": closed by the server before an answer was read
                    continue;
                }
                using (response)
                {
                    int status = (int)response.StatusCode;
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    if (status >= 500) failures.Add($"request {i}: {described}: {status} {await response.Content.ReadAsStringAsync()}");
                }
            }
            output.WriteLine($"seed {seed}, {n} requests: " + string.Join(", ", statuses.Select(s => $"{s.Key}x{s.Value}")));
            Assert.True(failures.Count == 0, $"seed {seed}: " + string.Join("\n", failures));
            Assert.True(statuses.Keys.Count(s => s is >= 200 and < 300) > 0 && statuses.Keys.Count(s => s >= 400) > 1,
                $"seed {seed}: the requests reached too few outcomes: {string.Join(", ", statuses.Select(s => $"{s.Key}x{s.Value}"))}");
            Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health")).StatusCode);
            Assert.Empty(server.CheckIndex());
        }
        store.Dispose();
        using var connection = new SqliteConnection($"Data Source={storePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar() as string);
    }

    private static HttpRequestMessage Request(FuzzInputs fuzz, out string described)
    {
        var random = fuzz.Random;
        var method = Methods[random.Next(Methods.Length)];
        var path = Paths[random.Next(Paths.Length)];
        while (path.Contains("{id}", StringComparison.Ordinal))
        {
            var id = random.Next(3) == 0 ? "b00" + random.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture) : fuzz.Text(3);
            int at = path.IndexOf("{id}", StringComparison.Ordinal);
            path = path[..at] + (random.Next(4) == 0 ? id.Replace("?", "", StringComparison.Ordinal).Replace("#", "", StringComparison.Ordinal) : Uri.EscapeDataString(id)) + path[(at + 4)..];
        }
        var query = new List<string>();
        foreach (var name in new[] { "q", "k", "filter", "explain", "pipeline", "filter" })
            if (random.Next(3) == 0) query.Add(name + "=" + Uri.EscapeDataString(name == "q" && random.Next(2) == 0 ? "orbit station" : fuzz.Text(3)));
        var target = path + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        if (random.Next(30) == 0) target = "/" + fuzz.Text(4).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
        HttpRequestMessage request;
        try
        {
            var relative = new Uri(target, UriKind.Relative);
            // a target the client cannot put under the server's address ("//x" names another host) is not sent as is
            if (new Uri(Loopback, relative).Host != Loopback.Host) throw new UriFormatException(target);
            request = new HttpRequestMessage(new HttpMethod(method), relative);
        }
        catch (UriFormatException)
        {
            request = new HttpRequestMessage(new HttpMethod(method), "/health");
        }
        string bodyKind = "none";
        if (method is "POST" or "PUT" or "PATCH" or "DELETE" && random.Next(5) != 0)
        {
            var json = Body(fuzz, path);
            byte[] bytes = random.Next(3) == 0 ? fuzz.Mutate(json) : Encoding.UTF8.GetBytes(json);
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = random.Next(8) switch
            {
                0 => new MediaTypeHeaderValue("application/x-www-form-urlencoded"),
                1 => new MediaTypeHeaderValue("text/plain"),
                2 => null,
                _ => new MediaTypeHeaderValue("application/json") { CharSet = random.Next(4) == 0 ? "utf-16" : null },
            };
            request.Content = content;
            bodyKind = $"{bytes.Length} bytes as {content.Headers.ContentType?.ToString() ?? "no type"}";
        }
        if (random.Next(20) == 0) request.Headers.Host = random.Next(2) == 0 ? "evil.example" : "localhost";
        if (random.Next(20) == 0) request.Headers.TryAddWithoutValidation("Origin", random.Next(2) == 0 ? "https://evil.example" : "null");
        if (random.Next(20) == 0) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Uri.EscapeDataString(fuzz.Text(2)));
        described = $"{method} {Shorten(target)} with {bodyKind}";
        return request;
    }

    private static string Body(FuzzInputs fuzz, string path)
    {
        var random = fuzz.Random;
        string Field(string name, string value) => random.Next(6) == 0 ? $"\"{fuzz.Key()}\":{fuzz.JsonValue()}" : $"\"{name}\":{value}";
        string Str(string valid) => random.Next(3) == 0 ? fuzz.JsonValue() : System.Text.Json.JsonSerializer.Serialize(valid);
        string One()
        {
            if (path.StartsWith("/items", StringComparison.Ordinal))
                return "{" + string.Join(",", Field("id", Str("fuzz-" + random.Next(50))), Field("title", Str(fuzz.Text())), Field("body", Str(fuzz.Text())),
                    Field("category", Str("books")), Field("tags", "[" + Str("t") + "]")) + "}";
            if (path.StartsWith("/events", StringComparison.Ordinal))
                return "{" + string.Join(",", Field("userId", Str("fuzz-u" + random.Next(20))), Field("itemId", Str("b00" + random.Next(10))),
                    Field("kind", Str("view")), Field("weight", random.Next(2) == 0 ? "1" : fuzz.JsonValue()), Field("timestamp", random.Next(2) == 0 ? "1700000000" : fuzz.JsonValue())) + "}";
            return "{" + string.Join(",", Field("userId", Str("fuzz-u" + random.Next(20))), Field("k", random.Next(2) == 0 ? "5" : fuzz.JsonValue()),
                Field("recentItems", "[" + Str("b001") + "]"), Field("query", Str("orbit")), Field("filters", "[" + Str("category=books") + "]"),
                Field("options", "{\"a\":" + fuzz.JsonValue() + "}"), Field("explain", random.Next(2) == 0 ? "true" : fuzz.JsonValue())) + "}";
        }
        return random.Next(8) switch
        {
            0 => fuzz.JsonValue(),
            1 => "[" + string.Join(",", Enumerable.Range(0, random.Next(1, 30)).Select(_ => One())) + "]",
            _ => One(),
        };
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";
}
