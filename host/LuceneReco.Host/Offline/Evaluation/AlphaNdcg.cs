namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>
/// alpha-nDCG (Clarke et al., SIGIR 2008) with binary judgements per subtopic: an item covers subtopic s when it is relevant
/// (held out) and has s (a category, say); a relevant item without any subtopic covers one of its own.
/// </summary>
public static class AlphaNdcg
{
    /// <summary>
    /// Implemented as <c>alpha-DCG@k / ideal alpha-DCG@k</c>, <c>alpha-DCG@k = sum over ranks r &lt;= k of
    /// (sum over subtopics s of the item of (1 - alpha)^(items above r covering s)) / log2(r + 1)</c>. The ideal ranking is
    /// built greedily from the relevant items (the exact one is NP-hard; Clarke et al. use the same greedy). 0 when nothing is relevant.
    /// </summary>
    /// <param name="ranked">The list, best first.</param>
    /// <param name="relevant">The relevant items.</param>
    /// <param name="subtopics">Each item's subtopics (an empty list when it has none).</param>
    /// <param name="k">The depth.</param>
    /// <param name="alpha">The redundancy penalty, 0 to 1 (0 is nDCG over subtopic counts).</param>
    public static double Compute(IReadOnlyList<string> ranked, IReadOnlySet<string> relevant, Func<string, IReadOnlyCollection<string>> subtopics, int k, double alpha = 0.5)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentNullException.ThrowIfNull(subtopics);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (!(alpha is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be 0 to 1");
        if (relevant.Count == 0) return 0;

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        double dcg = 0;
        for (int r = 0; r < Math.Min(k, ranked.Count); r++)
        {
            if (!relevant.Contains(ranked[r])) continue;
            dcg += Gain(Covers(ranked[r], subtopics), seen, alpha, record: true) / Math.Log2(r + 2);
        }

        var ids = new List<string>(relevant);
        ids.Sort(StringComparer.Ordinal); // a fixed order, so ties go the same way every run
        var pool = new List<List<string>>(ids.Count);
        foreach (string item in ids) pool.Add(Covers(item, subtopics));
        var idealSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        double ideal = 0;
        int idealLength = Math.Min(k, pool.Count);
        for (int r = 0; r < idealLength; r++)
        {
            int best = 0;
            double bestGain = -1;
            for (int c = 0; c < pool.Count; c++)
            {
                double g = Gain(pool[c], idealSeen, alpha, record: false);
                if (g > bestGain) { bestGain = g; best = c; }
            }
            ideal += Gain(pool[best], idealSeen, alpha, record: true) / Math.Log2(r + 2);
            pool.RemoveAt(best);
        }
        return ideal > 0 ? dcg / ideal : 0;
    }

    /// <summary>The subtopics <paramref name="item"/> covers, or a subtopic of its own (which no other item can have).</summary>
    private static List<string> Covers(string item, Func<string, IReadOnlyCollection<string>> subtopics)
    {
        var topics = new List<string>();
        foreach (string s in subtopics(item))
            if (!topics.Contains("t:" + s)) topics.Add("t:" + s);
        if (topics.Count == 0) topics.Add("i:" + item);
        return topics;
    }

    private static double Gain(List<string> topics, Dictionary<string, int> seen, double alpha, bool record)
    {
        double gain = 0;
        foreach (string s in topics)
        {
            int before = seen.GetValueOrDefault(s);
            gain += Math.Pow(1 - alpha, before);
            if (record) seen[s] = before + 1;
        }
        return gain;
    }
}
