using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Host.Tests.Plugins;
using LuceneReco.LoadTest;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.EndToEnd;

/// <summary>
/// The built <c>lucenereco serve</c> as a real process on 127.0.0.1, started with an empty plugins folder and a
/// pipeline naming the sample's <c>favourite-category</c> ranker: the stage is skipped until the sample's build
/// output is dropped into the folder, the next response after <c>/plugins</c> shows it loaded carries its
/// effect, a replaced plugin (GoodRanker v1, then v2) is served by its new version without a restart, and
/// SIGTERM stops the server with exit code 0.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class PluginHotReloadEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private const string Favourite = "films";

    private const string Config = """
        {
          "defaultPipeline": "default",
          "pipelines": {
            "default": {
              "recall": [ { "source": "search", "size": 200 }, { "source": "profile", "size": 200 } ],
              "fusion": "rrf",
              "stages": [ { "ranker": "favourite-category", "budgetMs": 1000, "options": { "field": "category", "boost": 0.5 } } ]
            },
            "good": {
              "recall": [ { "source": "search", "size": 200 } ],
              "fusion": "rrf",
              "stages": [ { "ranker": "good", "budgetMs": 1000 } ]
            }
          }
        }
        """;

    private static readonly TimeSpan LoadedWithin = TimeSpan.FromSeconds(20);

    private readonly TestFiles _files = new();

    [Fact]
    public async Task Serve_LoadsADroppedInPlugin_ThenServesAReplacedPluginsNewVersion_WithoutRestart()
    {
        var index = _files.PathOf("index");
        CliRun.Of("index", "build", "--index", index, "--items", TestFiles.Sample("catalogue.tsv")).AssertOk();
        var plugins = Directory.CreateDirectory(_files.PathOf("plugins")).FullName;
        var config = _files.Write("pipelines.json", Config);

        using var server = await ServerProcess.StartAsync(BuildOutputs.HostDll,
            ["--index", index, "--plugins", plugins, "--config", config, "--data", _files.PathOf("data"), "--urls", "http://127.0.0.1:0"],
            TimeSpan.FromSeconds(60));
        try
        {
            Assert.Equal("127.0.0.1", server.BaseAddress.Host);
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

            // Nothing loaded: both endpoints answer, and say the stage was skipped and why.
            Assert.Equal(0, (await GetJson(http, "/plugins")).GetArrayLength());
            var searchBefore = await GetJson(http, "/search?q=orbit+station&k=10&explain=true");
            AssertSkippedBecauseNotLoaded(searchBefore);
            var events = await http.PostAsync("/events", Json("""
                [{"userId":"ann","itemId":"f059"},{"userId":"ann","itemId":"f060"},{"userId":"ann","itemId":"f039"},{"userId":"ann","itemId":"b001"}]
                """));
            Assert.True(events.IsSuccessStatusCode, await events.Content.ReadAsStringAsync());
            var before = await Recommend(http);
            AssertSkippedBecauseNotLoaded(before);
            var beforeIds = Ids(before);
            int firstOther = beforeIds.FindIndex(id => !IsFavourite(before, id));
            Assert.True(firstOther >= 0 && beforeIds.Skip(firstOther).Any(id => IsFavourite(before, id)),
                $"precondition: without the stage a {Favourite} item should rank below another category's, got {string.Join(", ", beforeIds)}");

            // Drop the sample's build output in, under the folder name its README gives; wait until it is served.
            var sample = BuildOutputs.SamplePlugin;
            Assert.True(File.Exists(Path.Combine(sample, "FavouriteCategoryRanker.dll")) && File.Exists(Path.Combine(sample, "FavouriteCategoryRanker.deps.json")));
            TestPlugin.Install(sample, plugins, "favourite-category");
            var favouriteStatus = await WaitUntilLoaded(http, "favourite-category", "1.0.0.0");

            // The next response shows it. k=1000 returns every fused candidate, so the lists hold the same items:
            // now every favourite-category item comes first, each group in its earlier order (the boost is equal, the sort stable).
            var after = await Recommend(http);
            Assert.Equal(0, after.GetProperty("skippedStages").GetArrayLength());
            var afterIds = Ids(after);
            Assert.Equal(beforeIds.Order(StringComparer.Ordinal), afterIds.Order(StringComparer.Ordinal));
            int favourites = beforeIds.Count(id => IsFavourite(before, id));
            Assert.Equal(beforeIds.Where(id => IsFavourite(before, id)), afterIds.Take(favourites));
            Assert.Equal(beforeIds.Where(id => !IsFavourite(before, id)), afterIds.Skip(favourites));
            foreach (var item in after.GetProperty("items").EnumerateArray())
            {
                var stageScores = item.GetProperty("stageScores");
                double fused = stageScores.GetProperty("fusion").GetDouble();
                double score = item.GetProperty("score").GetDouble();
                Assert.Equal(score, stageScores.GetProperty("favourite-category").GetDouble());
                var lines = item.GetProperty("explanation").EnumerateArray().Select(l => l.GetString()).ToList();
                if (IsFavourite(after, item.GetProperty("id").GetString()!))
                {
                    Assert.Equal(fused + 0.5, score, 12);
                    Assert.Contains($"favourite-category: favourite category '{Favourite}' +0.5", lines);
                }
                else
                {
                    Assert.Equal(fused, score, 12);
                    Assert.DoesNotContain(lines, l => l!.StartsWith("favourite-category:", StringComparison.Ordinal));
                }
            }
            // Search has no user and names no favourite: the stage now runs (not skipped) and leaves the order alone.
            var searchAfter = await GetJson(http, "/search?q=orbit+station&k=10&explain=true");
            Assert.Equal(0, searchAfter.GetProperty("skippedStages").GetArrayLength());
            Assert.Contains(searchAfter.GetProperty("stages").EnumerateArray(),
                s => s.GetProperty("stage").GetString() == "favourite-category" && s.GetProperty("outcome").GetString() == "ok");
            Assert.Equal(Ids(searchBefore), Ids(searchAfter));

            // Replace a plugin in place: GoodRanker v1, then v2 copied over it; each is served by the next request.
            TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.Good), plugins, "good");
            var goodV1 = await WaitUntilLoaded(http, "good", "1.0.0.0");
            Assert.Equal((1, null), StagedResponse.Inspect(await GetJson(http, "/search?q=orbit+station&k=10&pipeline=good&explain=true")));
            TestPlugin.Install(TestPlugin.OutputOf(TestPlugin.GoodV2), plugins, "good");
            var goodV2 = await WaitUntilLoaded(http, "good", "2.0.0.0");
            Assert.Equal((2, null), StagedResponse.Inspect(await GetJson(http, "/search?q=orbit+station&k=10&pipeline=good&explain=true")));
            Assert.NotEqual(goodV1.GetProperty("sha256").GetString(), goodV2.GetProperty("sha256").GetString());

            // The other plugin was not reloaded, and nothing counted a fault.
            var favouriteNow = await Status(http, "favourite-category");
            Assert.Equal(favouriteStatus.GetProperty("sha256").GetString(), favouriteNow!.Value.GetProperty("sha256").GetString());
            Assert.Equal(favouriteStatus.GetProperty("loadedAt").GetString(), favouriteNow.Value.GetProperty("loadedAt").GetString());
            var health = await GetJson(http, "/health");
            Assert.Equal("ok", health.GetProperty("status").GetString());
            Assert.Equal(2, health.GetProperty("plugins").GetInt32());

            // Garbage over the serving plugin's files: v2 keeps serving, and /health says so truthfully (serving, but stale).
            File.WriteAllText(Path.Combine(plugins, "good", "GoodRanker.dll"), "garbage");
            using (var reload = await http.PostAsync("/plugins/reload", null)) Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
            var stale = await Status(http, "good");
            Assert.Equal(("stale", "2.0.0.0"), (stale!.Value.GetProperty("state").GetString(), stale.Value.GetProperty("version").GetString()));
            Assert.Equal((2, null), StagedResponse.Inspect(await GetJson(http, "/search?q=orbit+station&k=10&pipeline=good&explain=true")));
            health = await GetJson(http, "/health");
            Assert.Equal(("degraded", 2, 1, 0), (health.GetProperty("status").GetString(), health.GetProperty("plugins").GetInt32(),
                health.GetProperty("pluginsStale").GetInt32(), health.GetProperty("pluginsFailed").GetInt32()));

            Assert.Equal(0, server.Stop(TimeSpan.FromSeconds(15)));
            Assert.True(server.HasExited);
        }
        finally
        {
            output.WriteLine(server.StandardError);
        }
    }

    private static void AssertSkippedBecauseNotLoaded(JsonElement response)
    {
        var skipped = Assert.Single(response.GetProperty("skippedStages").EnumerateArray());
        Assert.Equal("favourite-category", skipped.GetProperty("stage").GetString());
        Assert.Equal("no ranker named 'favourite-category' is loaded", skipped.GetProperty("reason").GetString());
        Assert.True(response.GetProperty("items").GetArrayLength() > 0);
        foreach (var item in response.GetProperty("items").EnumerateArray())
        {
            Assert.False(item.GetProperty("stageScores").TryGetProperty("favourite-category", out _));
            Assert.Equal(item.GetProperty("stageScores").GetProperty("fusion").GetDouble(), item.GetProperty("score").GetDouble());
        }
    }

    private static Task<JsonElement> Recommend(HttpClient http) =>
        PostJson(http, "/recommend", """{"userId":"ann","k":1000,"explain":true}""");

    private static bool IsFavourite(JsonElement response, string id) =>
        response.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id)
            .GetProperty("fields").GetProperty("category").GetString() == Favourite;

    private static List<string> Ids(JsonElement response) =>
        response.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    /// <summary>Polls <c>GET /plugins</c> until <paramref name="name"/> is loaded at <paramref name="version"/>; returns its status.</summary>
    private static async Task<JsonElement> WaitUntilLoaded(HttpClient http, string name, string version)
    {
        var deadline = DateTime.UtcNow + LoadedWithin;
        JsonElement? status;
        do
        {
            status = await Status(http, name);
            if (status is { } s && s.GetProperty("state").GetString() == "loaded" && s.GetProperty("version").GetString() == version) return s;
            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"'{name}' {version} was not loaded within {LoadedWithin.TotalSeconds} s; last status: {status}");
        return default;
    }

    private static async Task<JsonElement?> Status(HttpClient http, string name)
    {
        foreach (var plugin in (await GetJson(http, "/plugins")).EnumerateArray())
            if (plugin.GetProperty("name").GetString() == name) return plugin;
        return null;
    }

    private static async Task<JsonElement> GetJson(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private static async Task<JsonElement> PostJson(HttpClient http, string path, string body)
    {
        using var response = await http.PostAsync(path, Json(body));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public void Dispose() => _files.Dispose();
}
