using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Features.Extractors;

/// <summary>
/// Per keyword field (category, tags, genres), how close the item is to what the user has had: <c>overlap.&lt;field&gt;</c>, the
/// share of the user's recent items (those with the field) that share at least one value with the item. The recent items are
/// the request's (<see cref="RankingRequest.RecentItems"/>, at most <paramref name="depth"/>). Missing for a user with no such
/// items or an item without the field.
/// </summary>
internal sealed class HistoryOverlapExtractor(IReadOnlyList<string> fields, int depth) : IFeatureExtractor
{
    private readonly string[] _fields = [.. fields];
    private readonly string[] _names = [.. fields.Select(f => "overlap." + f)];

    public string Name => "overlap";

    public void Extract(FeatureContext context, IReadOnlyList<Candidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(candidates);
        var recent = context.Request.RecentItems;
        int take = Math.Min(depth, recent.Count);
        if (take == 0) return;
        for (int f = 0; f < _fields.Length; f++)
        {
            string field = _fields[f];
            // value -> how many history items carry it; each history item's values counted once
            var history = new List<HashSet<string>>(take);
            for (int i = 0; i < take; i++)
                if (context.Items.Fields(recent[i]).TryGetValue(field, out var values) && values.Count > 0)
                    history.Add(new HashSet<string>(values, StringComparer.Ordinal));
            if (history.Count == 0) continue;
            for (int c = 0; c < candidates.Count; c++)
            {
                if (!context.Items.Fields(candidates[c].ItemId).TryGetValue(field, out var own) || own.Count == 0) continue;
                int shared = 0;
                foreach (var item in history)
                {
                    foreach (string v in own)
                        if (item.Contains(v)) { shared++; break; }
                }
                candidates[c].Features[_names[f]] = shared / (double)history.Count;
            }
        }
    }
}
