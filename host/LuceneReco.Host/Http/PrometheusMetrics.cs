using System.Globalization;
using System.Text;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LuceneReco.Host.Http;

/// <summary>
/// <c>GET /metrics/prometheus</c>: the figures of <c>GET /metrics</c> in the Prometheus text exposition format (version
/// 0.0.4), written here from <see cref="ServingMetrics"/>: counts since start as counters, the sliding window's latency
/// percentiles (in seconds) as gauges with a <c>quantile</c> label, index and process figures as gauges.
/// </summary>
internal static class PrometheusMetrics
{
    /// <summary>The path of the endpoint.</summary>
    public const string Path = "/metrics/prometheus";

    /// <summary>The content type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, (ServingHost host) => Results.Text(Write(host), ContentType))
            .WithName("MetricsPrometheus")
            .WithSummary("The metrics in the Prometheus text format (scrape this).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");

    /// <summary>The exposition text for <paramref name="host"/> now.</summary>
    public static string Write(ServingHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var text = new StringBuilder(4096);
        var m = host.Metrics;
        var endpoints = m.Endpoints();
        Family(text, "lucenereco_http_requests_total", "counter", "HTTP requests since start, by endpoint.",
            endpoints.Select(e => (Labels(("endpoint", e.Key)), (double)e.Value.Count)));
        Family(text, "lucenereco_http_request_failures_total", "counter", "HTTP requests answered with a 5xx status since start, by endpoint.",
            endpoints.Select(e => (Labels(("endpoint", e.Key)), (double)e.Value.Failures)));
        Family(text, "lucenereco_http_request_duration_seconds", "gauge", $"HTTP request latency percentiles over the last {Window()}, by endpoint.",
            endpoints.SelectMany(e => Quantiles(e.Value, ("endpoint", e.Key))));

        var stages = m.Stages();
        Family(text, "lucenereco_stage_runs_total", "counter", "Stage runs since start, by pipeline and stage.",
            stages.Select(s => (StageLabels(s.Key), (double)s.Value.Count)));
        Family(text, "lucenereco_stage_faults_total", "counter", "Stage runs skipped since start (threw, overran its time or allocation budget, or returned invalid output).",
            m.Faults().Select(f => (StageLabels(f.Key), (double)f.Value)));
        Family(text, "lucenereco_stage_duration_seconds", "gauge", $"Stage latency percentiles over the last {Window()}, by pipeline and stage.",
            stages.SelectMany(s => Quantiles(s.Value, Split(s.Key))));

        Family(text, "lucenereco_plugin_faults", "gauge", "Request-time faults of each plugin the catalogue counts.",
            host.Catalog.List().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (Labels(("plugin", p.Name), ("state", p.State)), (double)p.Faults)));

        Family(text, "lucenereco_plugin_problems", "gauge", "Problems loaded plugins report with what they serve from (a damaged only model version, a newer one that does not load; listed in /health).",
            [("", Plugins.PluginHealthProbe.Problems(host.Catalog).Count)]);

        var index = host.IndexStats;
        Family(text, "lucenereco_index_documents", "gauge", "Live documents in the index.", [("", index.Documents)]);
        Family(text, "lucenereco_index_deleted_documents", "gauge", "Deleted documents not yet merged away.", [("", index.DeletedDocuments)]);
        Family(text, "lucenereco_index_segments", "gauge", "Index segments.", [("", index.Segments)]);
        Family(text, "lucenereco_index_bytes", "gauge", "Bytes of the index's files.", [("", index.Bytes)]);
        Family(text, "lucenereco_index_generation", "gauge", "The index's commit generation.", [("", index.Generation)]);
        Family(text, "lucenereco_interactions", "gauge", "Events in the interaction store.", [("", host.Interactions.Count)]);

        if (Experiments.ExperimentMetrics.For(host.Runner.Config.Current.Config, host.Interactions, host.Log) is { } experiments)
        {
            var arms = experiments.SelectMany(x => new[] { (x.Key, "control", x.Value.ControlOwn), (x.Key, "interleaved", x.Value.Interleaved) }).ToList();
            Family(text, "lucenereco_experiment_lists", "gauge", "Lists in an experiment's log: the control's own and the interleaved (docs/experiments.md).",
                arms.Select(a => (Labels(("experiment", a.Item1), ("lists", a.Item2)), (double)a.Item3.Lists)));
            Family(text, "lucenereco_experiment_clicked_lists", "gauge", "Of those, lists with a click within the attribution window.",
                arms.Select(a => (Labels(("experiment", a.Item1), ("lists", a.Item2)), (double)a.Item3.Clicked)));
            Family(text, "lucenereco_experiment_converted_lists", "gauge", "Of those, lists with a conversion within the attribution window.",
                arms.Select(a => (Labels(("experiment", a.Item1), ("lists", a.Item2)), (double)a.Item3.Converted)));
            Family(text, "lucenereco_experiment_preferences", "gauge", "Interleaved lists by what their clicks preferred: candidate (wins), control (losses), tie, none.",
                experiments.SelectMany(x => new[] { ("candidate", x.Value.Interleaving.Wins), ("control", x.Value.Interleaving.Losses), ("tie", x.Value.Interleaving.Ties), ("none", x.Value.Interleaving.NoClick) }
                    .Select(p => (Labels(("experiment", x.Key), ("preferred", p.Item1)), (double)p.Item2))));
            Family(text, "lucenereco_experiment_sign_test_p", "gauge", "The sign test's two-sided p-value of wins against losses.",
                experiments.Select(x => (Labels(("experiment", x.Key)), x.Value.Interleaving.P)));
        }

        if (AdminEndpoints.HasShadows(host))
        {
            var queue = host.Runner.Shadows;
            var pairs = queue.Summaries();
            Family(text, "lucenereco_shadow_runs_total", "counter", "Shadow runs that returned a list since start, by pipeline and shadow (docs/experiments.md).",
                pairs.Select(p => (ShadowLabels(p), (double)p.Runs)));
            Family(text, "lucenereco_shadow_failures_total", "counter", "Shadow runs that threw since start (never served, never counted against a plugin).",
                pairs.Select(p => (ShadowLabels(p), (double)p.Failed)));
            Family(text, "lucenereco_shadow_dropped_total", "counter", "Shadow runs dropped because the shadow queue was full, since start.",
                pairs.Select(p => (ShadowLabels(p), (double)p.Dropped)));
            Family(text, "lucenereco_shadow_queue_pending", "gauge", "Shadow runs waiting or running now.", [("", queue.Pending)]);
            Family(text, "lucenereco_shadow_queue_capacity", "gauge", "At most this many shadow runs wait or run at once (shadowQueue).", [("", queue.Capacity)]);
            Family(text, "lucenereco_shadow_overlap", "gauge", "Mean share of the served list that the shadow's list of the same length also had.",
                pairs.Where(p => p.MeanOverlap is not null).Select(p => (ShadowLabels(p), p.MeanOverlap!.Value)));
            Family(text, "lucenereco_shadow_kendall_tau", "gauge", "Mean Kendall tau between the served and the shadow order of their shared items.",
                pairs.Where(p => p.MeanKendallTau is not null).Select(p => (ShadowLabels(p), p.MeanKendallTau!.Value)));
            Family(text, "lucenereco_shadow_duration_seconds", "gauge", $"Shadow run latency percentiles over the last {Window()} (off the request path).",
                pairs.SelectMany(p => Quantiles(p.ShadowLatency, ("pipeline", p.Pipeline), ("shadow", p.Shadow))));
        }

        var process = ProcessFigures.Now();
        Family(text, "lucenereco_process_working_set_bytes", "gauge", "The process's working set.", [("", process.WorkingSetBytes)]);
        Family(text, "lucenereco_process_gc_heap_bytes", "gauge", "The managed heap after the last collection.", [("", process.GcHeapBytes)]);
        Family(text, "lucenereco_process_gen2_collections_total", "counter", "Generation 2 garbage collections since start.", [("", process.Gen2Collections)]);
        Family(text, "lucenereco_process_loaded_assemblies", "gauge", "Assemblies loaded (grows if unloaded plugins leak).", [("", process.LoadedAssemblies)]);
        return text.ToString();
    }

    private static string ShadowLabels(Shadows.ShadowSummary pair) => Labels(("pipeline", pair.Pipeline), ("shadow", pair.Shadow));

    private static void Family(StringBuilder text, string name, string type, string help, IEnumerable<(string Labels, double Value)> samples)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var (labels, value) in samples)
            text.Append(name).Append(labels).Append(' ').Append(Number(value)).Append('\n');
    }

    private static IEnumerable<(string, double)> Quantiles(LatencySummary summary, params (string Name, string Value)[] labels)
    {
        if (summary.WindowCount == 0) yield break; // no requests in the window: no percentiles to report
        foreach (var (q, ms) in new[] { ("0.5", summary.P50), ("0.95", summary.P95), ("0.99", summary.P99) })
            yield return (Labels([.. labels, ("quantile", q)]), ms / 1000);
    }

    private static string StageLabels(string key) => Labels(Split(key));

    /// <summary>"pipeline/stage" as two labels.</summary>
    private static (string, string)[] Split(string key)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? [("stage", key)] : [("pipeline", key[..slash]), ("stage", key[(slash + 1)..])];
    }

    private static string Labels(params (string Name, string Value)[] labels)
    {
        if (labels.Length == 0) return "";
        var text = new StringBuilder("{");
        for (int i = 0; i < labels.Length; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(labels[i].Name).Append("=\"")
                .Append(labels[i].Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                .Append('"');
        }
        return text.Append('}').ToString();
    }

    private static string Number(double value) => double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Window() => $"{ServingMetrics.Window.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes";
}
