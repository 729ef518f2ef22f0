using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Features.Extractors;

/// <summary>
/// How popular each item is from its events (at most <paramref name="depth"/> newest are read): <c>pop.count</c> (events
/// read), <c>pop.recent</c> (those within the last <paramref name="window"/>), and <c>pop.trend</c>, the share of them that
/// are recent (<c>recent / count</c>; missing for an item nobody has touched).
/// </summary>
internal sealed class PopularityExtractor(TimeSpan window, int depth) : IFeatureExtractor
{
    public string Name => "popularity";

    public void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        DateTimeOffset since = context.Now - window;
        for (int c = 0; c < candidates.Count; c++)
        {
            var events = context.Interactions.ForItem(candidates[c].ItemId, depth);
            int recent = 0;
            for (int e = 0; e < events.Count; e++)
                if (events[e].Timestamp >= since && events[e].Timestamp <= context.Now) recent++;
            var features = candidates[c].Features;
            features["pop.count"] = events.Count;
            features["pop.recent"] = recent;
            if (events.Count > 0) features["pop.trend"] = recent / (double)events.Count;
        }
    }
}
