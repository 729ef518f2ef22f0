using LuceneReco.Host.Offline.Evaluation;

namespace LuceneReco.Host.Offline;

/// <summary>
/// One recommender's offline scores, means over the judged users (users with training history and at least one
/// held-out item not in it): NDCG@10, Recall@k, MRR@k, catalogue coverage and novelty (the collaborative project's
/// <see cref="RankingMetrics"/> and <see cref="CatalogueMetrics"/>), and Recall@k on cold items alone (NaN without any).
/// </summary>
internal sealed record SystemScores(string Name, int Users, double Ndcg10, double Recall, double Mrr, double Coverage, double Novelty, double ColdRecall, int ColdUsers)
{
    /// <summary>Scores <paramref name="lists"/> (aligned with <paramref name="relevant"/> and <paramref name="coldRelevant"/>).</summary>
    /// <param name="name">The recommender's name.</param>
    /// <param name="lists">Each judged user's list, best first.</param>
    /// <param name="relevant">Each user's held-out items not in their training history.</param>
    /// <param name="coldRelevant">Each user's held-out cold items (empty sets when none).</param>
    /// <param name="k">The list length the recall and MRR are cut at.</param>
    /// <param name="usersOfItem">Training users per item (novelty, and the catalogue size for coverage).</param>
    /// <param name="trainUsers">Users with training history.</param>
    public static SystemScores Of(string name, IReadOnlyList<IReadOnlyList<string>> lists, IReadOnlyList<IReadOnlySet<string>> relevant,
        IReadOnlyList<IReadOnlySet<string>> coldRelevant, int k, IReadOnlyDictionary<string, int> usersOfItem, int trainUsers)
    {
        double ndcg = 0, recall = 0, mrr = 0, cold = 0;
        int coldUsers = 0;
        for (int u = 0; u < lists.Count; u++)
        {
            ndcg += RankingMetrics.Ndcg(lists[u], relevant[u], Math.Min(10, k));
            recall += RankingMetrics.Recall(lists[u], relevant[u], k);
            mrr += RankingMetrics.ReciprocalRank(lists[u], relevant[u], k);
            if (coldRelevant[u].Count == 0) continue;
            cold += RankingMetrics.Recall(lists[u], coldRelevant[u], k);
            coldUsers++;
        }
        int n = Math.Max(1, lists.Count);
        return new SystemScores(name, lists.Count, ndcg / n, recall / n, mrr / n,
            CatalogueMetrics.Coverage(lists, Math.Max(1, usersOfItem.Count)),
            CatalogueMetrics.Novelty(lists, usersOfItem, Math.Max(1, trainUsers)),
            coldUsers == 0 ? double.NaN : cold / coldUsers, coldUsers);
    }
}
