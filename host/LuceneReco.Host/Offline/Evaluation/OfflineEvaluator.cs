using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>
/// Judges a recommender on a split: for each user with training history, it is asked for k items given that history,
/// and the list is compared with the user's test items that are not already in their training history.
/// </summary>
public static class OfflineEvaluator
{
    /// <summary>A recommender: given a user and their training events, the top k item ids, best first.</summary>
    public delegate IReadOnlyList<string> Recommend(string userId, IReadOnlyList<Interaction> history, int k);

    /// <summary>Evaluates <paramref name="recommend"/> at list length <paramref name="k"/>.</summary>
    public static EvaluationReport Evaluate(Split split, Recommend recommend, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(recommend);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);

        var history = Group(split.Train);
        var test = Group(split.Test);
        var usersOfItem = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (List<Interaction> events in history.Values)
        {
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            foreach (Interaction e in events)
                if (distinct.Add(e.ItemId)) usersOfItem[e.ItemId] = usersOfItem.GetValueOrDefault(e.ItemId) + 1;
        }

        var lists = new List<IReadOnlyList<string>>();
        double ndcg = 0, recall = 0, mrr = 0;
        foreach ((string user, List<Interaction> heldOut) in test)
        {
            if (!history.TryGetValue(user, out List<Interaction>? past)) continue;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (Interaction e in past) seen.Add(e.ItemId);
            var relevant = new HashSet<string>(StringComparer.Ordinal);
            foreach (Interaction e in heldOut)
                if (!seen.Contains(e.ItemId)) relevant.Add(e.ItemId);
            if (relevant.Count == 0) continue;
            IReadOnlyList<string> ranked = recommend(user, past, k);
            lists.Add(ranked);
            ndcg += RankingMetrics.Ndcg(ranked, relevant, k);
            recall += RankingMetrics.Recall(ranked, relevant, k);
            mrr += RankingMetrics.ReciprocalRank(ranked, relevant, k);
        }
        int n = lists.Count;
        if (n == 0) return new EvaluationReport(k, 0, 0, 0, 0, 0, 0);
        return new EvaluationReport(k, n, ndcg / n, recall / n, mrr / n,
            CatalogueMetrics.Coverage(lists, Math.Max(1, usersOfItem.Count)), CatalogueMetrics.Novelty(lists, usersOfItem, Math.Max(1, history.Count)));
    }

    private static Dictionary<string, List<Interaction>> Group(IReadOnlyList<Interaction> events)
    {
        var byUser = new Dictionary<string, List<Interaction>>(StringComparer.Ordinal);
        foreach (Interaction e in events)
        {
            if (!byUser.TryGetValue(e.UserId, out List<Interaction>? list)) byUser.Add(e.UserId, list = []);
            list.Add(e);
        }
        return byUser;
    }
}
