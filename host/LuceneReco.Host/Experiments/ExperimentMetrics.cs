using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Experiments;

/// <summary>
/// The experiments' figures for <c>GET /metrics</c>: each configured experiment's impressions read from its log and the
/// impressed users' newest events from the store, on every call (the log is bounded by its <c>maxLists</c>).
/// </summary>
internal static class ExperimentMetrics
{
    /// <summary>The figures by experiment, or null when none is configured; a log that cannot be read is reported and left out.</summary>
    public static SortedDictionary<string, ExperimentSummary>? For(ServingConfig config, IInteractionReader events, Action<string> log)
    {
        if (config.Experiments.Count == 0) return null;
        var figures = new SortedDictionary<string, ExperimentSummary>(StringComparer.Ordinal);
        foreach (var (name, settings) in config.Experiments)
        {
            if (settings.ImpressionLog(config) is not { } impressions) continue;
            try
            {
                var lists = ImpressionLog.Read(impressions.Path, name, settings.Control);
                figures[name] = ExperimentReport.Compute(name, settings, lists, user => events.ForUser(user, PipelineRunner.HistoryDepth));
            }
            catch (FeatureLogException e)
            {
                log($"experiment '{name}': its impressions cannot be read: {e.Message}");
            }
        }
        return figures;
    }
}
