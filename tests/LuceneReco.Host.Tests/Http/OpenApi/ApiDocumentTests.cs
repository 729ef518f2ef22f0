using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LuceneReco.Host.Tests.Http.OpenApi;

/// <summary>The OpenAPI document and the API reference page, read from a real server as a client would.</summary>
public sealed partial class ApiDocumentTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<JsonElement> Document()
    {
        var response = await server.Client.GetAsync("/openapi/v1.json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    /// <summary>The schema <paramref name="schema"/> is, following a <c>$ref</c> into the components.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static JsonElement BodySchema(JsonElement document, string path, string method) =>
        Resolve(document, Operation(document, path, method).GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));

    private static JsonElement Parameter(JsonElement operation, string name) =>
        operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Document_HasAnOverview_AndEveryOperationASummaryOrDescription()
    {
        var document = await Document();
        Assert.Contains("Paging", document.GetProperty("info").GetProperty("description").GetString());
        int operations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                operations++;
                Assert.True(operation.Value.TryGetProperty("summary", out _) || operation.Value.TryGetProperty("description", out _),
                    $"{operation.Name} {path.Name} has neither summary nor description");
            }
        Assert.True(operations >= 14, $"only {operations} operations");
    }

    [Fact]
    public async Task QueryParameterK_IsAnIntegerFrom1To1000_WithADescription()
    {
        var document = await Document();
        foreach (var (path, method) in new[] { ("/search", "get"), ("/items/{id}/similar", "get") })
        {
            var k = Parameter(Operation(document, path, method), "k");
            Assert.Equal("integer", k.GetProperty("schema").GetProperty("type").GetString());
            Assert.Equal(1, k.GetProperty("schema").GetProperty("minimum").GetInt32());
            Assert.Equal(1000, k.GetProperty("schema").GetProperty("maximum").GetInt32());
            Assert.Contains("How many results", k.GetProperty("description").GetString());
            Assert.Equal("integer", Parameter(Operation(document, path, method), "offset").GetProperty("schema").GetProperty("type").GetString());
            Assert.Equal("boolean", Parameter(Operation(document, path, method), "explain").GetProperty("schema").GetProperty("type").GetString());
            Assert.Equal("array", Parameter(Operation(document, path, method), "filter").GetProperty("schema").GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task RecommendBody_IsARealSchema_WithKAnInteger_DescriptionsAndAnExample()
    {
        var document = await Document();
        var body = BodySchema(document, "/recommend", "post");
        var k = body.GetProperty("properties").GetProperty("k");
        var types = k.GetProperty("type").ValueKind == JsonValueKind.Array
            ? k.GetProperty("type").EnumerateArray().Select(t => t.GetString()).ToArray()
            : [k.GetProperty("type").GetString()];
        Assert.Contains("integer", types);
        Assert.DoesNotContain("string", types);
        Assert.False(k.TryGetProperty("pattern", out _));
        Assert.Equal(1000, k.GetProperty("maximum").GetInt32());
        Assert.Contains("How many results", k.GetProperty("description").GetString()); // from the XML comment
        Assert.Contains("required", body.GetProperty("properties").GetProperty("userId").GetProperty("description").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(body.GetProperty("anyOf").EnumerateArray(), s => s.GetProperty("required")[0].GetString() == "userId");
        Assert.Equal("ann", body.GetProperty("examples")[0].GetProperty("userId").GetString());
    }

    [Fact]
    public async Task PutItemsBody_IsTheIndexSchema_NotAnEmptyElement()
    {
        var document = await Document();
        var body = BodySchema(document, "/items", "put");
        var item = body.GetProperty("oneOf")[0];
        Assert.Equal("id", item.GetProperty("required")[0].GetString());
        Assert.False(item.GetProperty("additionalProperties").GetBoolean());
        var properties = item.GetProperty("properties");
        foreach (var field in new[] { "title", "body", "category", "tags" }) Assert.True(properties.TryGetProperty(field, out var p) && p.TryGetProperty("description", out _), $"no described field {field}");
        Assert.Equal("array", body.GetProperty("oneOf")[1].GetProperty("type").GetString());
        Assert.Equal("z1", body.GetProperty("examples")[0].GetProperty("id").GetString());

        var events = BodySchema(document, "/events", "post");
        var one = Resolve(document, events.GetProperty("oneOf")[0]);
        Assert.Equal(["itemId", "userId"], one.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ResponseSchemas_CarryTheXmlCommentDescriptions()
    {
        var document = await Document();
        var results = document.GetProperty("components").GetProperty("schemas").GetProperty("ResultsResponse");
        Assert.Contains("cursor of the next page", results.GetProperty("properties").GetProperty("next").GetProperty("description").GetString());
        Assert.Equal("The response of search, similar and recommend.", results.GetProperty("description").GetString());
        var required = results.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("items", required);
        Assert.DoesNotContain("stages", required); // written only with explain
        Assert.Equal("integer", Resolve(document, document.GetProperty("components").GetProperty("schemas").GetProperty("HealthResponse"))
            .GetProperty("properties").GetProperty("documents").GetProperty("type").GetString());
    }

    [Fact]
    public async Task ReferencePage_Is200Html_ThatLoadsOnlyWhatTheHostServes()
    {
        var response = await server.Client.GetAsync("/docs");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.NotEmpty(assets);
        Assert.All(assets, url => Assert.False(url.Contains("//", StringComparison.Ordinal), $"the page loads {url} from elsewhere"));
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fonts.", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase); // nor in the page's configuration
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        foreach (var url in assets)
        {
            var asset = await server.Client.GetAsync(new Uri(new Uri(server.Client.BaseAddress!, "/docs/"), url));
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{url}: {(int)asset.StatusCode}");
        }
    }

    [GeneratedRegex("""(?:src|href)\s*=\s*["'](?<url>[^"']+)["']""")]
    private static partial Regex AssetReference();
}
