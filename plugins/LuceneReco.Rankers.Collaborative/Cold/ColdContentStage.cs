using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Collaborative.Cold;

/// <summary>
/// Lets items the collaborative models do not know ("cold": no earlier stage wrote a <c>NAME.score</c> feature for them) compete
/// by their content score instead of a reserved place. The content score is calibrated against the collaborative scores of
/// the same request by quantile matching: a cold item whose content score beats a share q of the known candidates' content
/// scores gets the final score found at q among the known candidates' final scores, times the weight. Known items keep
/// their scores; the list is re-sorted (stable).
/// </summary>
internal sealed class ColdContentStage(string name, ColdContentOptions options) : IRankerStage
{
    private readonly List<string> _known = options.Names();

    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidates);
        var warmScores = new List<double>();
        var warmContent = new List<double>();
        var cold = new List<Candidate>();
        foreach (Candidate c in candidates)
        {
            if (IsKnown(c))
            {
                warmScores.Add(c.Score);
                if (c.StageScores.TryGetValue(options.Source, out double content)) warmContent.Add(content);
            }
            else if (c.StageScores.ContainsKey(options.Source))
            {
                cold.Add(c);
            }
        }
        if (cold.Count == 0 || warmScores.Count == 0) return ValueTask.CompletedTask;
        cancellation.ThrowIfCancellationRequested();
        warmScores.Sort((a, b) => b.CompareTo(a));
        warmContent.Sort((a, b) => b.CompareTo(a));
        var coldContent = new List<double>(cold.Count);
        foreach (Candidate c in cold) coldContent.Add(c.StageScores[options.Source]);
        coldContent.Sort((a, b) => b.CompareTo(a));
        foreach (Candidate c in cold)
        {
            double content = c.StageScores[options.Source];
            // where this content score sits: among the known items' content scores, or among the cold ones when no known item has one
            double q = warmContent.Count > 0 ? Above(warmContent, content) / (double)warmContent.Count : Above(coldContent, content) / (double)coldContent.Count;
            double calibrated = warmScores[(int)Math.Min(warmScores.Count - 1, Math.Floor(q * warmScores.Count))];
            double final = options.Weight * calibrated;
            c.Features[name + ".calibrated"] = calibrated;
            c.StageScores[name] = final;
            c.Score = final;
            c.Explain(name, "a new item the collaborative models do not know yet, placed by how well its description matches the items you liked");
        }
        var order = new (double Score, int Position)[candidates.Count];
        for (int i = 0; i < order.Length; i++) order[i] = (candidates[i].Score, i);
        Array.Sort(order, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Position.CompareTo(b.Position));
        var sorted = new Candidate[candidates.Count];
        for (int i = 0; i < sorted.Length; i++) sorted[i] = candidates[order[i].Position];
        candidates.Clear();
        candidates.AddRange(sorted);
        return ValueTask.CompletedTask;
    }

    private bool IsKnown(Candidate c)
    {
        foreach (string k in _known)
            if (c.Features.ContainsKey(k + ".score")) return true;
        return false;
    }

    /// <summary>How many of the descending <paramref name="sorted"/> are above <paramref name="value"/>.</summary>
    private static int Above(List<double> sorted, double value)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] > value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
