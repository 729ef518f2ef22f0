namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>Per-user ranking metrics with binary relevance. Each returns 0 when nothing is relevant.</summary>
public static class RankingMetrics
{
    /// <summary>Implemented as <c>DCG@k / IDCG@k</c>, <c>DCG@k = sum over ranks r &lt;= k of rel_r / log2(r + 1)</c>, IDCG the DCG of min(k, |relevant|) hits in front.</summary>
    public static double Ndcg(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        Check(ranked, relevant, k);
        if (relevant.Count == 0) return 0;
        double dcg = 0, ideal = 0;
        for (int r = 0; r < Math.Min(k, ranked.Count); r++)
            if (relevant.Contains(ranked[r])) dcg += 1 / Math.Log2(r + 2);
        for (int r = 0; r < Math.Min(k, relevant.Count); r++) ideal += 1 / Math.Log2(r + 2);
        return dcg / ideal;
    }

    /// <summary>Implemented as <c>|top k ∩ relevant| / |relevant|</c>.</summary>
    public static double Recall(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        Check(ranked, relevant, k);
        if (relevant.Count == 0) return 0;
        return (double)Hits(ranked, relevant, k) / relevant.Count;
    }

    /// <summary>Implemented as <c>|top k ∩ relevant| / k</c>.</summary>
    public static double Precision(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        Check(ranked, relevant, k);
        return (double)Hits(ranked, relevant, k) / k;
    }

    /// <summary>Implemented as <c>1 / rank</c> of the first relevant item within the top k, else 0 (the mean over users is MRR).</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        Check(ranked, relevant, k);
        for (int r = 0; r < Math.Min(k, ranked.Count); r++)
            if (relevant.Contains(ranked[r])) return 1.0 / (r + 1);
        return 0;
    }

    private static int Hits(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        int hits = 0;
        for (int r = 0; r < Math.Min(k, ranked.Count); r++)
            if (relevant.Contains(ranked[r])) hits++;
        return hits;
    }

    private static void Check(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
    }
}
