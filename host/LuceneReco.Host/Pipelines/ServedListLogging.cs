using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// The runner's hook for a pipeline with a <see cref="FeatureLogSettings"/>: randomises the first places of a share of lists
/// (<see cref="FeatureLogSettings.Explore"/>; a uniform shuffle, so every item is equally likely at each of those places and
/// the clicks by place measure the position bias alone, as in Joachims, Swaminathan &amp; Schnabel 2017), then logs the list as
/// served. An interleaved list (an experiment given to <see cref="Record"/>) is never shuffled: its order is the
/// experiment's; its items are logged with their variants. A log that fails is reported and never fails the request.
/// </summary>
internal static class ServedListLogging
{
    /// <summary>Randomises (maybe) and logs <paramref name="served"/>, the final list; returns the request id.</summary>
    public static string Record(FeatureLogSettings settings, IServedListLog log, string pipeline, PipelineRequest request, List<Candidate> served,
        DateTimeOffset now, Random random, Action<string> report, Experiments.ExperimentServed? experiment = null)
    {
        string requestId = Guid.NewGuid().ToString("N");
        int shuffled = 0;
        if (experiment is null && settings.Explore is double share && share > 0 && served.Count >= 2 && random.NextDouble() < share)
        {
            shuffled = Math.Min(settings.ExploreTop, served.Count);
            for (int i = shuffled - 1; i > 0; i--) // Fisher-Yates over the first places
            {
                int j = random.Next(i + 1);
                (served[i], served[j]) = (served[j], served[i]);
            }
        }
        var items = new ServedItem[served.Count];
        for (int p = 0; p < served.Count; p++)
        {
            var features = new Dictionary<string, double>(served[p].Features, StringComparer.Ordinal);
            items[p] = experiment is not null && experiment.Items.TryGetValue(served[p].ItemId, out var origin)
                ? new ServedItem(served[p].ItemId, p + 1, served[p].Score, features, origin.Variant, origin.RankA, origin.RankB)
                : new ServedItem(served[p].ItemId, p + 1, served[p].Score, features);
        }
        try
        {
            log.Append(new ServedList(requestId, pipeline, request.UserId, now, shuffled, items)
            {
                Experiment = experiment?.Name,
                Method = experiment is null ? null : Experiments.ExperimentSettings.MethodName(experiment.Method),
            });
        }
        catch (Exception e) // the log lives outside the engine: whatever it throws is reported, never fatal to the request
        {
            report($"pipeline '{pipeline}': the feature log '{settings.Path}' could not record a list: {e.Message}");
        }
        return requestId;
    }
}
