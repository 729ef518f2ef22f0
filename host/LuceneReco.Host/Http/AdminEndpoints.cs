using LuceneReco.Host.Experiments;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Plugins;
using LuceneReco.Host.Serving;
using LuceneReco.Host.Shadows;
using LuceneReco.Index;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LuceneReco.Host.Http;

/// <summary>Plugins, health and metrics.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var plugins = app.MapGroup("/plugins");
        plugins.MapGet("", (ServingHost host) => TypedResults.Ok(host.Catalog.List()))
            .WithName("ListPlugins").WithSummary("Every plugin the catalogue knows of, with its state.");
        plugins.MapPost("/reload", (ServingHost host) =>
            {
                host.Catalog.Reload();
                return TypedResults.Ok(host.Catalog.List());
            })
            .WithName("ReloadPlugins").WithSummary("Rescans the plugins folder now; returns the plugins afterwards.");
        app.MapGet("/health", Health)
            .WithName("Health").WithSummary("Liveness and a summary of what is loaded.");
        app.MapGet("/metrics", Metrics)
            .WithName("Metrics").WithSummary("Latency percentiles per endpoint and stage over a sliding window, counts, plugin faults, index size, process memory.");
        app.MapGet("/shadows", (ServingHost host) => TypedResults.Ok(ShadowsOf(host.Runner.Shadows, recent: true)))
            .WithName("Shadows").WithSummary("Each shadow pipeline's comparison with the pipeline it shadows (overlap, rank correlation, latency, drops), and the newest shadow lists, none of them served.");
    }

    /// <summary>What <c>GET /health</c> says.</summary>
    /// <param name="ConfigError">Why the last change of the configuration file was refused (the previous one keeps serving).</param>
    /// <param name="ConfigWarnings">Steps of the configuration in force that name a plugin that is not loaded (requests skip them).</param>
    /// <param name="WriteError">Why writes are refused now (507/503), or null when they work.</param>
    /// <param name="Erasures">Users erased so far: how many, their events, when the last was (never who).</param>
    /// <param name="PluginsStale">Plugins still serving the version loaded before, whose folder's new files failed to load (counted in <paramref name="Plugins"/>).</param>
    /// <param name="PluginProblems">What loaded plugins say is wrong with what they serve from, e.g. a damaged model file that is the only version (see <c>IPluginHealth</c>); absent when none.</param>
    internal sealed record HealthResponse(string Status, int Documents, int Plugins, int PluginsFailed, int PluginsQuarantined, long ConfigVersion,
        string? ConfigError, IReadOnlyList<string> ConfigWarnings, string? WriteError = null, Interactions.ErasureSummary? Erasures = null,
        int PluginsStale = 0, IReadOnlyList<string>? PluginProblems = null);

    /// <summary>What <c>GET /metrics</c> says.</summary>
    internal sealed record MetricsResponse(
        double WindowSeconds,
        IReadOnlyDictionary<string, LatencySummary> Endpoints,
        IReadOnlyDictionary<string, LatencySummary> Stages,
        IReadOnlyDictionary<string, long> StageFaults,
        IReadOnlyDictionary<string, int> PluginFaults,
        IndexStats Index,
        long Interactions,
        ProcessFigures Process)
    {
        /// <summary>Each experiment's click-through, conversion and interleaving figures (docs/experiments.md), or null when none is configured.</summary>
        public IReadOnlyDictionary<string, ExperimentSummary>? Experiments { get; init; }

        /// <summary>What loaded plugins say is wrong with what they serve from (as in <c>GET /health</c>); empty when none.</summary>
        public IReadOnlyList<string> PluginProblems { get; init; } = [];

        /// <summary>The shadow pipelines' queue and comparisons (docs/experiments.md), or null when no pipeline names a shadow and none ran.</summary>
        public ShadowsResponse? Shadows { get; init; }
    }

    /// <summary>What <c>GET /shadows</c> (and the <c>shadows</c> object of <c>GET /metrics</c>) says.</summary>
    /// <param name="Capacity">At most how many shadow runs wait or run at once (<c>shadowQueue</c>).</param>
    /// <param name="Pending">Shadow runs waiting or running now.</param>
    /// <param name="Dropped">Shadow runs dropped because the queue was full, since start.</param>
    /// <param name="Pairs">Each (pipeline, shadow) pair's comparison.</param>
    /// <param name="Recent">The newest shadow lists, newest first (<c>GET /shadows</c> only), each marked <c>served: false</c>.</param>
    internal sealed record ShadowsResponse(int Capacity, int Pending, long Dropped, IReadOnlyList<ShadowSummary> Pairs, IReadOnlyList<ShadowList>? Recent);

    private static ShadowsResponse ShadowsOf(ShadowQueue queue, bool recent) =>
        new(queue.Capacity, queue.Pending, queue.Dropped, queue.Summaries(), recent ? queue.Recent() : null);

    private static Ok<HealthResponse> Health(ServingHost host)
    {
        int loaded = 0, failed = 0, quarantined = 0, stale = 0;
        foreach (var p in host.Catalog.List())
        {
            switch (p.State)
            {
                case "loaded": loaded++; break;
                case "stale": loaded++; stale++; break; // serving, but not what its folder now holds
                case "quarantined": quarantined++; break;
                default: failed++; break;
            }
        }
        var config = host.Runner.Config;
        var writeError = WriteHealth.Problem(host);
        var problems = PluginHealthProbe.Problems(host.Catalog);
        var status = config.LastError is null && failed == 0 && quarantined == 0 && stale == 0 && writeError is null && problems.Count == 0 ? "ok" : "degraded";
        return TypedResults.Ok(new HealthResponse(status, host.IndexStats.Documents, loaded, failed, quarantined, config.Current.Version, config.LastError, config.Warnings,
            writeError, host.Interactions.Erasures(), stale, problems.Count == 0 ? null : problems));
    }

    /// <summary>Whether a pipeline of the configuration names a shadow, or shadows ran before it changed.</summary>
    internal static bool HasShadows(ServingHost host) =>
        host.Runner.Config.Current.Config.Pipelines.Values.Any(p => p.Shadow.Count > 0) || host.Runner.Shadows.Summaries().Count > 0;

    private static Ok<MetricsResponse> Metrics(ServingHost host)
    {
        var pluginFaults = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in host.Catalog.List()) pluginFaults[p.Name] = p.Faults;
        var m = host.Metrics;
        return TypedResults.Ok(new MetricsResponse(ServingMetrics.Window.TotalSeconds, m.Endpoints(), m.Stages(), m.Faults(), pluginFaults,
            host.IndexStats, host.Interactions.Count, ProcessFigures.Now())
        {
            Experiments = ExperimentMetrics.For(host.Runner.Config.Current.Config, host.Interactions, host.Log),
            PluginProblems = PluginHealthProbe.Problems(host.Catalog),
            Shadows = HasShadows(host) ? ShadowsOf(host.Runner.Shadows, recent: false) : null,
        });
    }
}
