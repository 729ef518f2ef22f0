using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Features.Extractors;

/// <summary>
/// The user, the same for every candidate: <c>user.events</c> (events read, at most <see cref="FeatureContext.HistoryDepth"/>;
/// 0 for a known user without any) and <c>user.daysSinceLast</c> (days since the newest event; missing without events).
/// Both are missing for an anonymous request.
/// </summary>
internal sealed class UserExtractor : IFeatureExtractor
{
    public string Name => "user";

    public void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        if (context.Request.UserId is null) return;
        var history = context.History;
        double? since = null;
        if (history.Count > 0)
        {
            var newest = history[0].Timestamp;
            for (int i = 1; i < history.Count; i++)
                if (history[i].Timestamp > newest) newest = history[i].Timestamp;
            since = Math.Max(0, (context.Now - newest).TotalDays);
        }
        for (int c = 0; c < candidates.Count; c++)
        {
            candidates[c].Features["user.events"] = history.Count;
            if (since is double d) candidates[c].Features["user.daysSinceLast"] = d;
        }
    }
}
