using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.Experiments;
using LuceneReco.Host.Http;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Pipelines;
using Microsoft.AspNetCore.Builder;

namespace LuceneReco.Host.Tests.Experiments;

/// <summary>
/// An experiment through a real server: POST /recommend serves the interleaved list with variants, a click sent to
/// POST /events counts as a win for its variant in GET /metrics, and DELETE /users/{id} takes the impression away.
/// </summary>
public sealed class ExperimentHttpTests : IAsyncLifetime
{
    private readonly TestFiles _files = new();
    private readonly StringWriter _log = new();
    private WebApplication? _app;
    private ServingHost? _host;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var index = _files.PathOf("index");
        SampleIndex.Build(index);
        var catalog = new FakeCatalog();
        catalog.Add(FakePlugin.Reverse());
        var recall = ServingConfig.BuiltIn.Pipelines["default"];
        var config = ServingConfig.BuiltIn with
        {
            DefaultPipeline = "prod",
            RecommendPipeline = null,
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["prod"] = recall with { FeatureLog = new FeatureLogSettings { Path = _files.PathOf("served.db") } },
                ["next"] = recall with { Stages = [new StageStep { Ranker = "reverse", BudgetMs = 30_000 }] },
            },
            Experiments = new Dictionary<string, ExperimentSettings> { ["x"] = new() { Control = "prod", Candidate = "next", Traffic = 1 } },
        };
        _host = new ServingHost(IndexService.Open(index), new InMemoryInteractionStore(), catalog, ServingConfigSource.Fixed(config),
            TimeProvider.System, _files.PathOf("data"), line => { lock (_log) _log.WriteLine(line); });
        _app = ServeApp.Build(_host, "http://127.0.0.1:0", TextWriter.Synchronized(_log));
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(Assert.Single(ServeApp.Addresses(_app))), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        _host?.Dispose();
        _files.Dispose();
    }

    private async Task<JsonElement> Post(string path, string json)
    {
        var response = await _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    [Fact]
    public async Task RecommendClickMetricsErase_TheExperimentEndToEnd()
    {
        var served = await Post("/recommend", """{"userId": "u1", "query": "orbit station", "k": 5, "options": {"session": "s1"}}""");
        Assert.Equal("x", served.GetProperty("experiment").GetString());
        Assert.False(string.IsNullOrEmpty(served.GetProperty("requestId").GetString()));
        var items = served.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Contains(i.GetProperty("variant").GetString(), new[] { "A", "B" }));
        var fromB = items.First(i => i.GetProperty("variant").GetString() == "B").GetProperty("id").GetString();

        await Post("/events", $$"""{"userId": "u1", "itemId": "{{fromB}}", "kind": "click"}""");
        var metrics = (await _client.GetFromJsonAsync<JsonElement>("/metrics")).GetProperty("experiments").GetProperty("x");
        Assert.Equal(1, metrics.GetProperty("interleaving").GetProperty("wins").GetInt64());
        Assert.Equal(1, metrics.GetProperty("interleaved").GetProperty("clicked").GetInt64());
        Assert.Equal(1, metrics.GetProperty("variantB").GetProperty("clicked").GetInt64());
        var prometheus = await _client.GetStringAsync("/metrics/prometheus");
        Assert.Contains("lucenereco_experiment_preferences{experiment=\"x\",preferred=\"candidate\"} 1\n", prometheus);
        Assert.Contains("lucenereco_experiment_lists{experiment=\"x\",lists=\"interleaved\"} 1\n", prometheus);

        Assert.Equal(HttpStatusCode.OK, (await _client.DeleteAsync("/users/u1")).StatusCode);
        metrics = (await _client.GetFromJsonAsync<JsonElement>("/metrics")).GetProperty("experiments").GetProperty("x");
        Assert.Equal(0, metrics.GetProperty("interleaved").GetProperty("lists").GetInt64());
    }

    [Fact]
    public async Task CursorPages_AfterTheFirst_CarryTheExperimentAndEachItemsVariant()
    {
        var first = await Post("/recommend", """{"userId": "u2", "query": "orbit station", "k": 2, "cursor": "*", "options": {"session": "s2"}}""");
        Assert.Equal("x", first.GetProperty("experiment").GetString());
        var next = await Post("/recommend", $$"""{"userId": "u2", "cursor": "{{first.GetProperty("next").GetString()}}"}""");

        Assert.Equal("x", next.GetProperty("experiment").GetString());
        Assert.Equal(first.GetProperty("requestId").GetString(), next.GetProperty("requestId").GetString());
        var items = next.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Contains(i.GetProperty("variant").GetString(), new[] { "A", "B" }));
    }
}
