using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Shadows;

/// <summary>The running comparison of one shadow pipeline with the pipeline it shadows. Thread-safe.</summary>
internal sealed class ShadowPairStats(TimeProvider clock)
{
    private readonly object _sync = new();
    private readonly LatencyWindow _shadow = new(ServingMetrics.Window, clock);
    private readonly LatencyWindow _served = new(ServingMetrics.Window, clock);
    private readonly LatencyWindow _waited = new(ServingMetrics.Window, clock);
    private long _runs, _failed, _dropped, _withSkipped, _sameTop, _tauCount;
    private double _overlapSum, _tauSum;

    public void Dropped()
    {
        lock (_sync) _dropped++;
    }

    public void Failed(double ms, double waitedMs)
    {
        lock (_sync) _failed++;
        _shadow.Record(ms, failed: true);
        _waited.Record(waitedMs);
    }

    public void Ran(double ms, double waitedMs, double servedMs, double overlap, double? tau, bool sameTop, bool skipped)
    {
        lock (_sync)
        {
            _runs++;
            _overlapSum += overlap;
            if (tau is double t)
            {
                _tauSum += t;
                _tauCount++;
            }
            if (sameTop) _sameTop++;
            if (skipped) _withSkipped++;
        }
        _shadow.Record(ms);
        _served.Record(servedMs);
        _waited.Record(waitedMs);
    }

    public ShadowSummary Summarize(string pipeline, string shadow)
    {
        lock (_sync)
            return new ShadowSummary(pipeline, shadow, _runs, _failed, _dropped, _withSkipped,
                _runs == 0 ? null : _overlapSum / _runs, _tauCount == 0 ? null : _tauSum / _tauCount, _tauCount,
                _runs == 0 ? null : (double)_sameTop / _runs, _shadow.Summarize(), _served.Summarize(), _waited.Summarize());
    }
}

/// <summary>What <c>GET /metrics</c> and <c>GET /shadows</c> say about one shadow pipeline (docs/experiments.md).</summary>
/// <param name="Pipeline">The pipeline that served.</param>
/// <param name="Shadow">The shadow pipeline.</param>
/// <param name="Runs">Shadow runs that returned a list, since start.</param>
/// <param name="Failed">Shadow runs that threw (counted, logged, never served).</param>
/// <param name="Dropped">Shadow runs dropped because the queue was full.</param>
/// <param name="RunsWithSkippedStages">Of <paramref name="Runs"/>, those in which a stage or source of the shadow was skipped.</param>
/// <param name="MeanOverlap">Mean share of the served list the shadow's list of the same length also had, or null before a run.</param>
/// <param name="MeanKendallTau">Mean Kendall tau between the two lists' orders of their shared items (runs with at least two shared), or null.</param>
/// <param name="TauRuns">Runs that <paramref name="MeanKendallTau"/> averages.</param>
/// <param name="SameTopShare">Share of runs whose first item was the served list's first item, or null.</param>
/// <param name="ShadowLatency">The shadow runs' own time (off the request path).</param>
/// <param name="ServedLatency">The served requests' time in the pipeline, for the same requests.</param>
/// <param name="QueueWait">How long shadow runs waited in the queue after the served answer.</param>
internal sealed record ShadowSummary(string Pipeline, string Shadow, long Runs, long Failed, long Dropped, long RunsWithSkippedStages,
    double? MeanOverlap, double? MeanKendallTau, long TauRuns, double? SameTopShare,
    LatencySummary ShadowLatency, LatencySummary ServedLatency, LatencySummary QueueWait);

/// <summary>
/// One shadow list, never served: what the shadow ranked for a request next to what was served. No user id is kept (the
/// served list's <paramref name="ServedRequestId"/> names it in the feature log, when the pipeline has one).
/// </summary>
/// <param name="At">When the shadow run ended.</param>
/// <param name="Pipeline">The pipeline that served the request.</param>
/// <param name="Shadow">The shadow pipeline that ranked this list.</param>
/// <param name="ServedRequestId">The id the served list was logged under in the pipeline's feature log, or null.</param>
/// <param name="Items">The shadow's list, best first (empty when it failed).</param>
/// <param name="ServedItems">The list served for the same request, best first.</param>
/// <param name="Overlap">The share of the served list the shadow's list of the same length also had.</param>
/// <param name="KendallTau">Kendall's tau between the two orders of their shared items, or null with fewer than two shared.</param>
/// <param name="ShadowMs">The shadow run's time in ms (off the request path).</param>
/// <param name="ServedMs">The served request's time in the pipeline, in ms.</param>
/// <param name="SkippedStages">The shadow's stages and sources that were skipped.</param>
/// <param name="Error">Why the shadow run failed, or null.</param>
internal sealed record ShadowList(DateTimeOffset At, string Pipeline, string Shadow, string? ServedRequestId, IReadOnlyList<string> Items,
    IReadOnlyList<string> ServedItems, double Overlap, double? KendallTau, double ShadowMs, double ServedMs, IReadOnlyList<string> SkippedStages,
    string? Error)
{
    /// <summary>Always false: a shadow list is logged for comparison, never shown.</summary>
    public bool Served => false;
}
