using System.Net;
using System.Text.Json;

namespace LuceneReco.Host.Tests.Http;

/// <summary>The HTTP API end to end against a real Kestrel server on 127.0.0.1.</summary>
public sealed class HttpApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private HttpClient Client => server.Client;

    private static string[] Ids(JsonElement response) =>
        response.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();

    private async Task<JsonElement> GetOk(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a ProblemDetails response with <paramref name="status"/> and returns its detail.</summary>
    /// <summary>The keys of a validation problem's <c>errors</c>, sorted.</summary>
    private static string[] ErrorKeys(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static async Task<string> AssertProblem(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.DoesNotContain("   at ", body);
        return problem.GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task Health_IsOk_WithTheDocumentCount()
    {
        var health = await GetOk("/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("documents").GetInt32() >= 199);
    }

    [Fact]
    public async Task Search_ReturnsItemsWithFields_AndExplanationsOnRequest()
    {
        var plain = await GetOk("/search?q=orbit%20station&k=3");
        Assert.Equal(["f059", "b001", "f001"], Ids(plain));
        var first = plain.GetProperty("items")[0];
        Assert.Equal("Orbit of Silence", first.GetProperty("fields").GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Array, first.GetProperty("fields").GetProperty("tags").ValueKind);
        Assert.False(first.TryGetProperty("explanation", out _));
        Assert.Equal("default", plain.GetProperty("pipeline").GetString());
        Assert.Equal(0, plain.GetProperty("skippedStages").GetArrayLength());
        Assert.True(plain.GetProperty("tookMs").GetDouble() >= 0);

        var explained = await GetOk("/search?q=orbit%20station&k=3&explain=true");
        var item = explained.GetProperty("items")[0];
        Assert.Equal("search: matches \"Orbit\" in the title; \"station\" in the body", item.GetProperty("explanation")[0].GetString());
        var reason = item.GetProperty("reasons")[0];
        Assert.Equal("search", reason.GetProperty("source").GetString());
        Assert.Equal("match", reason.GetProperty("kind").GetString());
        Assert.Equal(["Orbit", "station"], reason.GetProperty("terms").EnumerateArray().Select(t => t.GetString()));
        Assert.True(reason.GetProperty("contribution").GetDouble() > 0);
        Assert.StartsWith("search: score ", item.GetProperty("debug")[0].GetString());
        Assert.True(item.GetProperty("stageScores").GetProperty("search").GetDouble() > 0);
    }

    [Fact]
    public async Task Search_WithFilter_KeepsOnlyMatchingItems()
    {
        var result = await GetOk("/search?q=space&k=20&filter=category%3Dbooks");
        Assert.NotEmpty(Ids(result));
        Assert.All(Ids(result), id => Assert.StartsWith("b", id));
    }

    [Fact]
    public async Task Search_ThroughAPipelineWithStages_ReportsTheSkippedOne()
    {
        var result = await GetOk("/search?q=orbit%20station&k=3&pipeline=reversed&explain=true");
        var skipped = Assert.Single(result.GetProperty("skippedStages").EnumerateArray());
        Assert.Equal("absent", skipped.GetProperty("stage").GetString());
        Assert.Equal("no ranker named 'absent' is loaded", skipped.GetProperty("reason").GetString());
        Assert.Contains("reverse: turned around", result.GetProperty("items")[0].GetProperty("explanation").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Similar_ReturnsItemsLikeTheItem()
    {
        var result = await GetOk("/items/b001/similar?k=3&explain=true");
        Assert.Equal("f059", Ids(result)[0]);
        Assert.DoesNotContain("b001", Ids(result));
        Assert.StartsWith("similar: like \"The Quiet Orbit\"", result.GetProperty("items")[0].GetProperty("explanation")[0].GetString());
    }

    [Fact]
    public async Task Recommend_AfterEvents_UsesTheHistory_AndLeavesSeenItemsOut()
    {
        var posted = await server.Send(HttpMethod.Post, "/events",
            """[{"userId":"http-u1","itemId":"b001"},{"userId":"http-u1","itemId":"f059","kind":"click","weight":2,"timestamp":"2025-01-02T03:04:05Z"}]""");
        Assert.Equal(2, (await ServerFixture.Json(posted)).GetProperty("accepted").GetInt32());

        var response = await server.Send(HttpMethod.Post, "/recommend", """{"userId":"http-u1","k":5,"explain":true}""");
        var result = await ServerFixture.Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = Ids(result);
        Assert.Equal(5, ids.Length);
        Assert.DoesNotContain("b001", ids);
        Assert.DoesNotContain("f059", ids);
        var explanation = result.GetProperty("items")[0].GetProperty("explanation")[0].GetString();
        Assert.Matches(@"^profile: because you (clicked|viewed) (Orbit of Silence|The Quiet Orbit)", explanation); // the event's own kind, the item's title

        var before = await server.Send(HttpMethod.Post, "/recommend", """{"userId":"http-nobody","k":5}""");
        Assert.Empty(Ids(await ServerFixture.Json(before))); // no history, no query, no item: nothing to recall from
    }

    [Fact]
    public async Task PutItem_IsFoundByTheNextSearch_AndDeleteRemovesIt()
    {
        var put = await server.Send(HttpMethod.Put, "/items",
            """{"id":"http-z1","title":"Zebra quantum teleporter","body":"A zebra builds a quantum teleporter in a barn.","category":"books","tags":["odd","physics"]}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(1, (await ServerFixture.Json(put)).GetProperty("upserted").GetInt32());

        var found = await GetOk("/search?q=teleporter");
        Assert.Equal(["http-z1"], Ids(found));
        Assert.Equal(["odd", "physics"], found.GetProperty("items")[0].GetProperty("fields").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Zebra quantum teleporter", (await GetOk("/items/http-z1")).GetProperty("title").GetString());

        var deleted = await Client.DeleteAsync("/items/http-z1");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty(Ids(await GetOk("/search?q=teleporter")));
        Assert.Equal("no item with id 'http-z1'", await AssertProblem(await Client.DeleteAsync("/items/http-z1"), 404));
    }

    [Fact]
    public async Task PutItems_Array_IsAllOrNothing()
    {
        var bad = await server.Send(HttpMethod.Put, "/items", """[{"id":"http-a1","title":"Alpha wombat"},{"id":"http-a2","colour":"red"},{"title":"no id"}]""");
        Assert.Equal("item 2: field 'colour' is not in the schema; item 3: missing id (nothing was written)", await AssertProblem(bad, 400));
        Assert.Empty(Ids(await GetOk("/search?q=wombat")));
        var again = await server.Send(HttpMethod.Put, "/items", """[{"id":"http-a1","title":"Alpha wombat"},{"id":"http-a2","colour":"red"},{"title":"no id"}]""");
        Assert.Equal(["item 2: colour", "item 3: id"], ErrorKeys(await ServerFixture.Json(again)));
        var single = await server.Send(HttpMethod.Put, "/items", """{"id":"http-a3","colour":"red"}""");
        Assert.Equal(["colour"], ErrorKeys(await ServerFixture.Json(single)));

        var good = await server.Send(HttpMethod.Put, "/items", """[{"id":"http-a1","title":"Alpha wombat"},{"id":"http-a2","title":"Beta wombat"}]""");
        Assert.Equal(2, (await ServerFixture.Json(good)).GetProperty("upserted").GetInt32());
        Assert.Equal(2, Ids(await GetOk("/search?q=wombat")).Length);
    }

    [Theory]
    [InlineData("/search?q=orbit&k=0", 400, "k must be a whole number from 1 to 1,000, got '0'")]
    [InlineData("/search?q=orbit&k=lots", 400, "k must be a whole number from 1 to 1,000, got 'lots'")]
    [InlineData("/search?q=orbit&explain=maybe", 400, "explain must be true or false, got 'maybe'")]
    [InlineData("/items/b001/similar?k=abc", 400, "k must be a whole number from 1 to 1,000, got 'abc'")]
    [InlineData("/search?k=3", 400, "q is required: the words to search for")]
    [InlineData("/search?q=orbit&pipeline=nope", 400, "unknown pipeline 'nope' (pipelines: default, reversed)")]
    [InlineData("/items/nope/similar", 404, "no item with id 'nope'")]
    [InlineData("/items/nope", 404, "no item with id 'nope'")]
    [InlineData("/no/such/endpoint", 404, "no endpoint GET /no/such/endpoint (see /openapi/v1.json)")]
    public async Task BadGets_AreProblemDetails_WithAClearDetail(string path, int status, string detail) =>
        Assert.Equal(detail, await AssertProblem(await Client.GetAsync(path), status));

    [Theory]
    [InlineData("""{"userId":"u",""", "the body is not valid JSON at line 1, byte 14: the text ends before the JSON value is complete")]
    [InlineData("""{"userId":"u" "k":3}""", "the body is not valid JSON at line 1, byte 15: unexpected '\"'")]
    [InlineData("""{"userId":"u","k":"ten"}""", "k must be a whole number, got \"ten\"")]
    [InlineData("""{"userId":"u","k":2.5}""", "k must be a whole number, got 2.5")]
    [InlineData("""{"userId":"u","filters":"genres=Horror"}""", "filters must be an array of strings, got \"genres=Horror\"")]
    [InlineData("""{"userId":"u","filters":["a=b",3]}""", "filters[1] must be a string, got 3")]
    [InlineData("""{"userId":"u","colour":1}""", "colour is not a field of this request; the fields are userId, recentItems, query, filters, k, pipeline, options, explain, offset, cursor")]
    [InlineData("""{"userId":"zz","query":"\ud800"}""", "query holds an unpaired surrogate (such as \\ud800 without its partner), which is not text")]
    [InlineData("""{"userId":"u","options":{"mmr.lambda":[1]}}""", "options.mmr.lambda must be a string, a number or a boolean, got an array")]
    [InlineData("""{"k":3}""", "userId is required")]
    [InlineData("""[1]""", "the body must be a JSON object, got an array")]
    [InlineData("""{"userId":"u","pipeline":"nope"}""", "unknown pipeline 'nope' (pipelines: default, reversed)")]
    [InlineData("""{"userId":"u","k":0}""", "k must be from 1 to 1,000, got 0")]
    public async Task BadRecommendBodies_AreProblemDetails(string body, string detail) =>
        Assert.Equal(detail, await AssertProblem(await server.Send(HttpMethod.Post, "/recommend", body), 400));

    [Fact]
    public async Task BadEvents_AreRejected_WithEveryProblem_AndNothingRecorded()
    {
        var response = await server.Send(HttpMethod.Post, "/events", """[{"userId":"http-e1","itemId":"b001"},{"itemId":"b002","weight":"x"},{"userId":"a","itemId":"b","timestamp":"yesterday"}]""");
        Assert.Equal("event 2: weight must be a finite number, got \"x\"; event 3: timestamp must be an ISO 8601 date-time or Unix seconds, got \"yesterday\" (nothing was recorded)",
            await AssertProblem(response, 400));
        var result = await ServerFixture.Json(await server.Send(HttpMethod.Post, "/recommend", """{"userId":"http-e1","k":3}"""));
        Assert.Empty(Ids(result)); // event 1 was not recorded either
    }

    [Theory]
    [InlineData("PUT", "/items", """{"id":"zz","title":"\ud800"}""", "title holds an unpaired surrogate (such as \\ud800 without its partner), which is not text (nothing was written)")]
    [InlineData("POST", "/events", """{"userId":"u","itemId":"\udc00x"}""", "itemId holds an unpaired surrogate (such as \\ud800 without its partner), which is not text (nothing was recorded)")]
    [InlineData("POST", "/events", """[{"userId":"u","itemId":"b001"},{"userId":"u","item":"b002"}]""", "event 2: item is not a field of this request; the fields are userId, itemId, kind, weight, timestamp (nothing was recorded)")]
    public async Task LoneSurrogatesAndUnknownFields_Are400s_NamingTheField(string method, string path, string body, string detail)
    {
        var response = await server.Send(new HttpMethod(method), path, body);
        Assert.Equal(detail, await AssertProblem(response, 400));
    }

    [Fact]
    public async Task InvalidUtf8_Is400_NamingTheFieldAndTheByte()
    {
        byte[] body = [.. "{\"userId\":\"u\",\"query\":\"caf"u8.ToArray(), 0xFF, .. "\"}"u8.ToArray()];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var response = await Client.PostAsync("/recommend", content);
        Assert.Equal("query is not valid UTF-8: byte 0xFF at offset 26 (send text as UTF-8)", await AssertProblem(response, 400));
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("is not valid UTF-8: byte 0xFF at offset 26 (send text as UTF-8)", errors.GetProperty("query")[0].GetString());
    }

    [Fact]
    public async Task GetItem_ReturnsAListField_AsAnArray_EvenWithOneValue()
    {
        var put = await server.Send(HttpMethod.Put, "/items", """{"id":"http-one","title":"Single tag","tags":"lonely"}""");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var item = await GetOk("/items/http-one");
        Assert.Equal(["lonely"], item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("Single tag", item.GetProperty("title").GetString());
    }

    [Fact]
    public async Task UnexpectedFailure_Is500ProblemDetails_WithoutStackTraceOrMessage()
    {
        var response = await server.Send(HttpMethod.Post, "/recommend", """{"userId":"explode"}""");
        var detail = await AssertProblem(response, 500);
        Assert.StartsWith("An unexpected error occurred; it has been logged with trace id ", detail);
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync());
        Assert.Contains("secret internal detail", server.Log); // but the log has it
    }

    [Fact]
    public async Task WrongContentType_Is415ProblemDetails()
    {
        var response = await Client.PostAsync("/recommend", new StringContent("""{"userId":"u"}"""));
        Assert.Equal("send the body as JSON with the header Content-Type: application/json", await AssertProblem(response, 415));
    }

    [Fact]
    public async Task Plugins_ListsTheCatalogue_AndReloadRescans()
    {
        var list = await GetOk("/plugins");
        var plugin = Assert.Single(list.EnumerateArray());
        Assert.Equal("reverse", plugin.GetProperty("name").GetString());
        Assert.Equal("loaded", plugin.GetProperty("state").GetString());

        int reloads = server.Catalog.Reloads;
        var reloaded = await Client.PostAsync("/plugins/reload", null);
        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        Assert.Equal(reloads + 1, server.Catalog.Reloads);
    }

    [Fact]
    public async Task Metrics_HaveEndpointAndStageLatencies_AndIndexFigures()
    {
        await GetOk("/search?q=orbit&pipeline=reversed");
        await Client.GetAsync("/search?q=orbit&k=0");
        var metrics = await GetOk("/metrics");

        Assert.Equal(300, metrics.GetProperty("windowSeconds").GetDouble());
        var search = metrics.GetProperty("endpoints").GetProperty("GET /search");
        Assert.True(search.GetProperty("count").GetInt64() >= 2);
        foreach (var p in new[] { "p50", "p95", "p99" }) Assert.True(search.GetProperty(p).GetDouble() > 0, p);
        Assert.True(search.GetProperty("p50").GetDouble() <= search.GetProperty("p99").GetDouble());
        var stage = metrics.GetProperty("stages").GetProperty("reversed/reverse");
        Assert.True(stage.GetProperty("count").GetInt64() >= 1);
        var index = metrics.GetProperty("index");
        Assert.True(index.GetProperty("documents").GetInt32() >= 199);
        Assert.True(index.GetProperty("bytes").GetInt64() > 0);
        Assert.True(index.GetProperty("segments").GetInt32() >= 1);
        Assert.Equal(JsonValueKind.Object, metrics.GetProperty("pluginFaults").ValueKind);
        var process = metrics.GetProperty("process");
        Assert.True(process.GetProperty("workingSetBytes").GetInt64() > 1 << 20);
        Assert.True(process.GetProperty("gcHeapBytes").GetInt64() > 0);
        Assert.True(process.GetProperty("gen2Collections").GetInt32() >= 0);
        Assert.True(process.GetProperty("loadedAssemblies").GetInt32() > 10);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesEveryEndpoint()
    {
        var document = await GetOk("/openapi/v1.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/search", "/items/{id}/similar", "/recommend", "/items", "/items/{id}", "/events", "/plugins", "/plugins/reload", "/health", "/metrics" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        Assert.True(paths.GetProperty("/recommend").TryGetProperty("post", out var post));
        Assert.True(post.TryGetProperty("requestBody", out _));
    }
}
