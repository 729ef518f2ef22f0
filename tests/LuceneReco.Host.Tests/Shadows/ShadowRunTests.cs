using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Http;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Tests.Pipelines;
using LuceneReco.Plugins;
using Microsoft.AspNetCore.Builder;

namespace LuceneReco.Host.Tests.Shadows;

/// <summary>
/// Shadow pipelines through a real server: the served answer is the production pipeline's alone; each shadow runs after it,
/// its list is kept as not served (never in the feature log), compared in GET /shadows, GET /metrics and the Prometheus text;
/// a shadow whose stage throws is counted there and never reported against the plugin; a full queue drops and counts.
/// </summary>
public sealed class ShadowRunTests : IAsyncLifetime
{
    private readonly TestFiles _files = new();
    private readonly StringWriter _log = new();
    private readonly FakeCatalog _catalog = new();
    private readonly SemaphoreSlim _gate = new(0);
    private WebApplication? _app;
    private ServingHost? _host;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var index = _files.PathOf("index");
        SampleIndex.Build(index);
        _catalog.Add(FakePlugin.Reverse());
        _catalog.Add(FakePlugin.Throws());
        _catalog.Add(new FakePlugin("gate", async (_, _, cancellation) => await _gate.WaitAsync(cancellation)));
        var recall = ServingConfig.BuiltIn.Pipelines["default"];
        var config = ServingConfig.BuiltIn with
        {
            DefaultPipeline = "prod",
            RecommendPipeline = null,
            ShadowQueue = 3,
            ShadowLog = new ShadowLogSettings { Path = _files.PathOf("logs/shadows.jsonl") },
            Pipelines = new Dictionary<string, PipelineDefinition>
            {
                ["prod"] = recall with { FeatureLog = new FeatureLogSettings { Path = _files.PathOf("served.db") }, Shadow = ["same", "next", "broken"] },
                ["same"] = recall,
                ["next"] = recall with { Stages = [new StageStep { Ranker = "reverse", BudgetMs = 30_000 }] },
                ["broken"] = recall with { Stages = [new StageStep { Ranker = "throws", BudgetMs = 30_000 }] },
                ["slow"] = recall with { Shadow = ["held"] },
                ["held"] = recall with { Stages = [new StageStep { Ranker = "gate", BudgetMs = 60_000 }] },
            },
        };
        _host = new ServingHost(IndexService.Open(index), new InMemoryInteractionStore(), _catalog, ServingConfigSource.Fixed(config),
            TimeProvider.System, _files.PathOf("data"), line => { lock (_log) _log.WriteLine(line); });
        _app = ServeApp.Build(_host, "http://127.0.0.1:0", TextWriter.Synchronized(_log));
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(Assert.Single(ServeApp.Addresses(_app))), Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        _gate.Release(100);
        _client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        _host?.Dispose();
        _gate.Dispose();
        _files.Dispose();
    }

    private async Task<JsonElement> Post(string path, string json)
    {
        var response = await _client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    /// <summary>GET /shadows once the queue is idle (the shadows of the requests made so far have run).</summary>
    private async Task<JsonElement> Settled()
    {
        for (int i = 0; i < 3000 && _host!.Runner.Shadows.Pending > 0; i++) await Task.Delay(10);
        Assert.Equal(0, _host!.Runner.Shadows.Pending);
        return (await _client.GetFromJsonAsync<JsonElement>("/shadows")).Clone();
    }

    private static JsonElement Pair(JsonElement shadows, string shadow) =>
        shadows.GetProperty("pairs").EnumerateArray().Single(p => p.GetProperty("shadow").GetString() == shadow);

    [Fact]
    public async Task Shadows_RunAfterTheAnswer_AreComparedAndNeverLoggedAsServed()
    {
        var served = await Post("/recommend", """{"userId": "u1", "query": "orbit station", "k": 5}""");
        Assert.Equal("prod", served.GetProperty("pipeline").GetString());
        Assert.Empty(served.GetProperty("skippedStages").EnumerateArray()); // the broken shadow's stage is not the served list's
        string requestId = served.GetProperty("requestId").GetString()!;
        var shadows = await Settled();

        var same = Pair(shadows, "same");
        Assert.Equal(1, same.GetProperty("runs").GetInt64());
        Assert.Equal(1.0, same.GetProperty("meanOverlap").GetDouble());
        Assert.Equal(1.0, same.GetProperty("meanKendallTau").GetDouble());
        var next = Pair(shadows, "next");
        Assert.Equal(1, next.GetProperty("runs").GetInt64());
        Assert.Equal(-1.0, next.GetProperty("meanKendallTau").GetDouble()); // the same items turned around
        Assert.Equal(0.0, next.GetProperty("sameTopShare").GetDouble());
        var broken = Pair(shadows, "broken");
        Assert.Equal(1, broken.GetProperty("runsWithSkippedStages").GetInt64());
        Assert.Empty(_catalog.Faults); // a shadow's fault is not counted against the plugin, which could quarantine it

        var recent = shadows.GetProperty("recent").EnumerateArray().ToList();
        Assert.Equal(3, recent.Count);
        Assert.All(recent, r =>
        {
            Assert.False(r.GetProperty("served").GetBoolean());
            Assert.Equal(requestId, r.GetProperty("servedRequestId").GetString());
            Assert.Equal(5, r.GetProperty("servedItems").GetArrayLength());
        });
        Assert.Contains("throws", recent.Single(r => r.GetProperty("shadow").GetString() == "broken").GetProperty("skippedStages").EnumerateArray().Select(s => s.GetString()));

        Assert.Equal(1, SqliteFeatureLog.For(new FeatureLogSettings { Path = _files.PathOf("served.db") }).Count); // the served list only: no shadow list reaches the labels
        var written = File.ReadAllLines(_files.PathOf("logs/shadows.jsonl")).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(3, written.Count); // the shadow log holds the same three lists, on disk, each marked not served
        Assert.All(written, w => Assert.False(w.GetProperty("served").GetBoolean()));
        Assert.Equal(["broken", "next", "same"], written.Select(w => w.GetProperty("shadow").GetString()).Order());
        Assert.Equal(requestId, written[0].GetProperty("servedRequestId").GetString());
        var metrics = await _client.GetFromJsonAsync<JsonElement>("/metrics");
        Assert.Equal(1, Pair(metrics.GetProperty("shadows"), "next").GetProperty("runs").GetInt64());
        Assert.False(metrics.GetProperty("stages").TryGetProperty("broken/throws", out _)); // nor in the served stages' figures
        var prometheus = await _client.GetStringAsync("/metrics/prometheus");
        Assert.Contains("lucenereco_shadow_runs_total{pipeline=\"prod\",shadow=\"same\"} 1\n", prometheus);
        Assert.Contains("lucenereco_shadow_overlap{pipeline=\"prod\",shadow=\"same\"} 1\n", prometheus);
    }

    [Fact]
    public async Task AFullQueue_DropsAndCounts_WhileServingGoesOn()
    {
        // the first shadow run waits at the gate and the next two behind it, filling the queue's three places; two more are dropped at once
        for (int i = 0; i < 5; i++)
        {
            var served = await Post("/recommend", $$"""{"userId": "u{{i}}", "query": "orbit station", "k": 3, "pipeline": "slow"}""");
            Assert.Equal(3, served.GetProperty("items").GetArrayLength());
        }
        Assert.Equal(3, _host!.Runner.Shadows.Pending);
        Assert.Equal(2, _host.Runner.Shadows.Dropped);

        _gate.Release(3);
        var shadows = await Settled();
        var held = Pair(shadows, "held");
        Assert.Equal(3, held.GetProperty("runs").GetInt64());
        Assert.Equal(2, held.GetProperty("dropped").GetInt64());
        Assert.Equal(2, shadows.GetProperty("dropped").GetInt64());
        var prometheus = await _client.GetStringAsync("/metrics/prometheus");
        Assert.Contains("lucenereco_shadow_dropped_total{pipeline=\"slow\",shadow=\"held\"} 2\n", prometheus);
    }
}
