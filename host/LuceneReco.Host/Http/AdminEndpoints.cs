using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Plugins;
using LuceneReco.Host.Serving;
using LuceneReco.Index;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LuceneReco.Host.Http;

/// <summary>Plugins, health and metrics.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/plugins", (ServingHost host) => Results.Json(host.Catalog.List(), HttpJson.Write))
            .WithName("ListPlugins").WithSummary("Every plugin the catalogue knows of, with its state.")
            .Produces<IReadOnlyList<PluginStatus>>();
        app.MapPost("/plugins/reload", (ServingHost host) =>
            {
                host.Catalog.Reload();
                return Results.Json(host.Catalog.List(), HttpJson.Write);
            })
            .WithName("ReloadPlugins").WithSummary("Rescans the plugins folder now; returns the plugins afterwards.")
            .Produces<IReadOnlyList<PluginStatus>>();
        app.MapGet("/health", Health)
            .WithName("Health").WithSummary("Liveness and a summary of what is loaded.")
            .Produces<HealthResponse>();
        app.MapGet("/metrics", Metrics)
            .WithName("Metrics").WithSummary("Latency percentiles per endpoint and stage over a sliding window, counts, plugin faults, index size, process memory.")
            .Produces<MetricsResponse>();
    }

    /// <summary>What <c>GET /health</c> says.</summary>
    internal sealed record HealthResponse(string Status, int Documents, int Plugins, int PluginsFailed, int PluginsQuarantined, long ConfigVersion, string? ConfigError);

    /// <summary>What <c>GET /metrics</c> says.</summary>
    internal sealed record MetricsResponse(
        double WindowSeconds,
        IReadOnlyDictionary<string, LatencySummary> Endpoints,
        IReadOnlyDictionary<string, LatencySummary> Stages,
        IReadOnlyDictionary<string, long> StageFaults,
        IReadOnlyDictionary<string, int> PluginFaults,
        IndexStats Index,
        long Interactions,
        ProcessFigures Process);

    private static IResult Health(ServingHost host)
    {
        int loaded = 0, failed = 0, quarantined = 0;
        foreach (var p in host.Catalog.List())
        {
            switch (p.State)
            {
                case "loaded": loaded++; break;
                case "quarantined": quarantined++; break;
                default: failed++; break;
            }
        }
        var config = host.Runner.Config;
        var status = config.LastError is null && failed == 0 && quarantined == 0 ? "ok" : "degraded";
        return Results.Json(new HealthResponse(status, host.Index.Reader.NumDocs, loaded, failed, quarantined, config.Current.Version, config.LastError), HttpJson.Write);
    }

    private static IResult Metrics(ServingHost host)
    {
        var pluginFaults = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in host.Catalog.List()) pluginFaults[p.Name] = p.Faults;
        var m = host.Metrics;
        return Results.Json(new MetricsResponse(ServingMetrics.Window.TotalSeconds, m.Endpoints(), m.Stages(), m.Faults(), pluginFaults,
            host.Index.Reader.Stats, host.Interactions.Count, ProcessFigures.Now()), HttpJson.Write);
    }
}
