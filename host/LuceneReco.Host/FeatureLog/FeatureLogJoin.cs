using LuceneReco.Host.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.FeatureLog;

/// <summary>
/// Joins served lists with the interactions that came after them: an event of a user on an item is attributed to the newest
/// list served to that user before it, within <c>window</c>, that contained the item, and graded by <see cref="LabelRules"/>.
/// Lists without a user are left out; a list nothing happened to keeps labels of 0 (it teaches a ranker nothing, but counts
/// for the position bias).
/// </summary>
internal static class FeatureLogJoin
{
    /// <summary>The labelled lists, oldest first.</summary>
    public static List<LabelledList> Join(IReadOnlyList<ServedList> lists, IEnumerable<Interaction> events, LabelRules rules, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        var byUser = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int l = 0; l < lists.Count; l++)
        {
            if (lists[l].UserId is not { } user || lists[l].Items.Count == 0) continue;
            if (!byUser.TryGetValue(user, out var own)) byUser[user] = own = [];
            own.Add(l);
        }
        foreach (var own in byUser.Values) own.Sort((a, b) => lists[a].ServedAt.CompareTo(lists[b].ServedAt) is var c && c != 0 ? c : a.CompareTo(b));

        var labels = new double[lists.Count][];
        foreach (var e in events)
        {
            if (!byUser.TryGetValue(e.UserId, out var own)) continue;
            double grade = rules.Grade(e.Kind, e.Weight);
            if (grade <= 0) continue;
            // the newest list served before the event (binary search), then back within the window
            int lo = 0, hi = own.Count;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (lists[own[mid]].ServedAt < e.Timestamp) lo = mid + 1; else hi = mid;
            }
            for (int k = lo - 1; k >= 0; k--)
            {
                var list = lists[own[k]];
                if (e.Timestamp - list.ServedAt > window) break;
                int at = IndexOf(list, e.ItemId);
                if (at < 0) continue;
                var row = labels[own[k]] ??= new double[list.Items.Count];
                row[at] = Math.Max(row[at], grade);
                break;
            }
        }
        var result = new List<LabelledList>();
        for (int l = 0; l < lists.Count; l++)
        {
            if (lists[l].UserId is null || lists[l].Items.Count == 0) continue;
            result.Add(new LabelledList(lists[l], labels[l] ?? new double[lists[l].Items.Count]));
        }
        return result;
    }

    private static int IndexOf(ServedList list, string item)
    {
        for (int i = 0; i < list.Items.Count; i++)
            if (string.Equals(list.Items[i].ItemId, item, StringComparison.Ordinal)) return i;
        return -1;
    }
}
