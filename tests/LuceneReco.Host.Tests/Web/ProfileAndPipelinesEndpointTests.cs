using System.Net;
using System.Text.Json;
using LuceneReco.Host.Tests.Http;

namespace LuceneReco.Host.Tests.Web;

/// <summary>What the demo page reads besides the API proper: the page itself, <c>/pipelines</c> and <c>/users/{id}/profile</c>, on a real server.</summary>
public sealed class ProfileAndPipelinesEndpointTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private HttpClient Client => server.Client;

    private async Task<JsonElement> GetOk(string path)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> Problem(string path, int status)
    {
        var response = await Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{path}: expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;
    }

    [Fact]
    public async Task GetProfile_AfterEvents_NamesWordsCategoriesAndItemsByTitle_WithTheirTimes()
    {
        var posted = await server.Send(HttpMethod.Post, "/events",
            """[{"userId":"profile-1","itemId":"b001","kind":"rating","weight":4,"timestamp":"2026-01-10T12:00:00Z"},{"userId":"profile-1","itemId":"f059","timestamp":"2026-01-11T08:30:00Z"}]""");
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

        var profile = await GetOk("/users/profile-1/profile?max=5");
        Assert.Equal("profile-1", profile.GetProperty("userId").GetString());
        Assert.Equal("default", profile.GetProperty("pipeline").GetString()); // what a recommendation without query runs here (the fixture has no "recommend")
        Assert.True(profile.GetProperty("profileInPipeline").GetBoolean());
        var items = profile.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Orbit of Silence", "The Quiet Orbit"], items.Select(i => i.GetProperty("title").GetString()).Order());
        var quiet = items.Single(i => i.GetProperty("id").GetString() == "b001");
        Assert.Equal("rating", quiet.GetProperty("kind").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero), quiet.GetProperty("lastEvent").GetDateTimeOffset());
        var terms = profile.GetProperty("terms").EnumerateArray().ToList();
        Assert.InRange(terms.Count, 1, 5);
        Assert.Contains(terms, t => t.GetProperty("word").GetString() == "Orbit");
        Assert.Equal(["books", "films"], profile.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("category").GetString()).Order());
        Assert.Contains("profile-1", profile.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task GetProfile_UnknownUser_IsANotFoundProblem() =>
        Assert.Equal("no events of user 'nobody-at-all' in the interaction store", await Problem("/users/nobody-at-all/profile", 404));

    [Fact]
    public async Task GetProfile_MaxOutOfRange_IsAValidationProblem() =>
        Assert.Contains("max must be a whole number from 1 to 100, got '0'", await Problem("/users/u/profile?max=0", 400));

    [Fact]
    public async Task GetPipelines_ListsEachPipelineWithItsSourcesAndStages()
    {
        var r = await GetOk("/pipelines");
        Assert.Equal("default", r.GetProperty("defaultPipeline").GetString());
        var pipelines = r.GetProperty("pipelines").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        Assert.Equal(["default", "reversed"], pipelines.Keys.Order());
        Assert.Equal(["search", "profile", "similar", "itemknn"], pipelines["default"].GetProperty("recall").EnumerateArray().Select(s => s.GetString()));
        var stages = pipelines["reversed"].GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["reverse", "absent"], stages.Select(s => s.GetProperty("name").GetString()));
        Assert.All(stages, s => Assert.Equal(0, s.GetProperty("sliders").GetArrayLength())); // unknown rankers get no slider
    }

    [Fact]
    public async Task GetRoot_ServesThePage_WhichMayLoadNothingFromElsewhere()
    {
        var response = await Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/demo/app.js\"", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);

        var script = await Client.GetAsync("/demo/app.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(".innerHTML", await script.Content.ReadAsStringAsync()); // item text never becomes markup
        Assert.Equal("text/css", (await Client.GetAsync("/demo/app.css")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetDemoFile_Unknown_IsANotFoundProblem() =>
        Assert.StartsWith("no demo page file 'secrets.json' (the files are ", await Problem("/demo/secrets.json", 404));
}
