using System.Collections.Concurrent;

namespace LuceneReco.Host.Pipelines;

/// <summary>Per-endpoint and per-stage latencies and counts, and request-time plugin faults by stage, since start.</summary>
internal sealed class ServingMetrics(TimeProvider clock)
{
    /// <summary>The sliding window of the latency percentiles.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, LatencyWindow> _endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LatencyWindow> _stages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _faults = new(StringComparer.Ordinal);

    /// <summary>The clock of the windows.</summary>
    public TimeProvider Clock => clock;

    /// <summary>Records a request to <paramref name="endpoint"/> (e.g. "GET /search").</summary>
    public void RecordEndpoint(string endpoint, double milliseconds, bool failed) =>
        _endpoints.GetOrAdd(endpoint, _ => new LatencyWindow(Window, clock)).Record(milliseconds, failed);

    /// <summary>Records a run of <paramref name="stage"/> ("pipeline/stage"); a skipped run also counts as a fault.</summary>
    public void RecordStage(string stage, double milliseconds, bool skipped)
    {
        _stages.GetOrAdd(stage, _ => new LatencyWindow(Window, clock)).Record(milliseconds, skipped);
        if (skipped) _faults.AddOrUpdate(stage, 1, static (_, n) => n + 1);
    }

    /// <summary>Endpoint summaries by endpoint.</summary>
    public SortedDictionary<string, LatencySummary> Endpoints() => Summaries(_endpoints);

    /// <summary>Stage summaries by "pipeline/stage".</summary>
    public SortedDictionary<string, LatencySummary> Stages() => Summaries(_stages);

    /// <summary>Skipped runs (throws, overruns, invalid output) by "pipeline/stage".</summary>
    public SortedDictionary<string, long> Faults() => new(_faults, StringComparer.Ordinal);

    private static SortedDictionary<string, LatencySummary> Summaries(ConcurrentDictionary<string, LatencyWindow> windows)
    {
        var result = new SortedDictionary<string, LatencySummary>(StringComparer.Ordinal);
        foreach (var (name, window) in windows) result[name] = window.Summarize();
        return result;
    }
}
