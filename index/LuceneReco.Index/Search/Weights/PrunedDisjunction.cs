namespace LuceneReco.Index.Search.Weights;

/// <summary>
/// Top-k for a pure disjunction of term clauses (MoreLikeThis and keyword queries), term-at-a-time with
/// MaxScore pruning (Turtle and Flood 1995): terms are taken in decreasing order of their score bound
/// (best freq with shortest field, kept per term in the dictionary); once the bounds of the terms left
/// add up to less than the current k-th best score, no untouched doc can enter the top k, so the rest is
/// scored only for the few docs that still can — through their term vectors when that is cheaper than
/// walking the remaining postings. The hits and their scores are exactly those of exhaustive scoring;
/// only <see cref="TopDocs.TotalHits"/> becomes a lower bound.
/// </summary>
internal static class PrunedDisjunction
{
    /// <summary>Rounding slack: final scores are float casts of double sums.</summary>
    private const double Slack = 1e-5;

    /// <summary>Whether <paramref name="weight"/> is a disjunction this class can run.</summary>
    public static bool Applies(BooleanWeight weight) =>
        weight.MinimumShouldMatch <= 1 && weight.Boost > 0 && float.IsFinite(weight.Boost)
        && weight.Clauses.All(c => c.Occur == Occur.Should && c.Weight is TermWeight);

    /// <returns>Whether work was skipped (so the hit count is a lower bound).</returns>
    public static bool Collect(BooleanWeight weight, LeafReader leaf, TopKCollector collector, int k, int exclude, bool[] termVectorFields)
    {
        var core = leaf.Core;
        var terms = new List<(TermWeight Term, int Ord, double Bound, int DocFreq)>(weight.Clauses.Count);
        foreach (var (w, _) in weight.Clauses)
        {
            var t = (TermWeight)w;
            if (core.Fields[t.Field] is not { } dict) continue;
            int ord = dict.Ordinal(t.Term);
            if (ord < 0) continue;
            terms.Add((t, ord, t.Scorer.Score(dict.MaxFreq(ord), dict.MinNorm(ord)), dict.DocFreq(ord)));
        }
        if (terms.Count == 0) return false;
        terms.Sort((a, b) => b.Bound.CompareTo(a.Bound));
        var remaining = new double[terms.Count + 1];
        var postingsLeft = new long[terms.Count + 1];
        for (int i = terms.Count - 1; i >= 0; i--)
        {
            remaining[i] = remaining[i + 1] + terms[i].Bound;
            postingsLeft[i] = postingsLeft[i + 1] + terms[i].DocFreq;
        }

        var acc = Accumulator.ForThread(core.MaxDoc);
        // everything below is compared in the clause-sum space, before the query's boost
        double theta = collector.Threshold / weight.Boost;
        double nextCheck = remaining[0] / 2;
        int next = 0;
        for (; next < terms.Count; next++)
        {
            if (next > 0 && remaining[next] * (1 + Slack) < theta) break;
            terms[next].Term.Accumulate(leaf, acc, must: false);
            // a threshold costs a pass over the touched docs: only worth it when more postings than that are left
            if (next + 1 < terms.Count && remaining[next + 1] <= nextCheck && acc.TouchedCount >= k && postingsLeft[next + 1] > acc.TouchedCount)
            {
                theta = Math.Max(theta, KthBest(acc, leaf, k, exclude));
                nextCheck = remaining[next + 1] / 2;
            }
        }

        if (next == terms.Count)
        {
            CollectAll(weight, leaf, acc, collector, exclude);
            return false;
        }

        // Candidate phase: only docs that can still reach theta get the remaining terms.
        double bound = remaining[next];
        var candidates = new List<int>();
        int pruned = 0;
        for (int i = 0; i < acc.TouchedCount; i++)
        {
            int d = acc.Touched[i];
            if (d == exclude || !leaf.Live.IsLive(d)) continue;
            if (acc.Score[d] + bound >= theta * (1 - Slack)) candidates.Add(d);
            else pruned++;
        }
        long remainingPostings = 0;
        for (int j = next; j < terms.Count; j++) remainingPostings += terms[j].DocFreq;
        bool viaVectors = (long)candidates.Count * 64 < remainingPostings && terms.Skip(next).All(t => termVectorFields[t.Term.Field]);
        if (viaVectors) AddViaTermVectors(leaf, acc, candidates, terms, next);
        else
            for (int j = next; j < terms.Count; j++) AddToCandidates(leaf, acc, candidates, terms[j].Term);
        foreach (int d in candidates) collector.Collect(leaf.DocBase + d, weight.FinalScore(acc, d));
        collector.AddUncountedHits(pruned);
        return true;
    }

    private static void CollectAll(BooleanWeight weight, LeafReader leaf, Accumulator acc, TopKCollector collector, int exclude)
    {
        var touched = acc.Touched;
        for (int i = 0; i < acc.TouchedCount; i++)
        {
            int d = touched[i];
            if (d == exclude || !leaf.Live.IsLive(d)) continue;
            collector.Collect(leaf.DocBase + d, weight.FinalScore(acc, d));
        }
    }

    /// <summary>The k-th best accumulated (unboosted) score among eligible touched docs: a lower bound of the final k-th best.</summary>
    private static double KthBest(Accumulator acc, LeafReader leaf, int k, int exclude)
    {
        // a min-heap of the k best scores seen
        var heap = new float[k];
        int size = 0;
        for (int i = 0; i < acc.TouchedCount; i++)
        {
            int d = acc.Touched[i];
            if (d == exclude || !leaf.Live.IsLive(d)) continue;
            float s = (float)acc.Score[d];
            if (size < k)
            {
                int j = size++;
                while (j > 0 && heap[(j - 1) >> 1] > s) { heap[j] = heap[(j - 1) >> 1]; j = (j - 1) >> 1; }
                heap[j] = s;
            }
            else if (s > heap[0])
            {
                int j = 0;
                while (true)
                {
                    int c = 2 * j + 1;
                    if (c >= k) break;
                    if (c + 1 < k && heap[c + 1] < heap[c]) c++;
                    if (heap[c] >= s) break;
                    heap[j] = heap[c];
                    j = c;
                }
                heap[j] = s;
            }
        }
        return size == k ? heap[0] : double.NegativeInfinity;
    }

    private static void AddToCandidates(LeafReader leaf, Accumulator acc, List<int> candidates, TermWeight term)
    {
        // mark candidates, then walk the postings adding only to them
        foreach (int d in candidates) acc.Must[d] = 1;
        var sink = new CandidateSink(acc);
        term.Score(leaf, sink);
        foreach (int d in candidates) acc.Must[d] = 0;
    }

    private static void AddViaTermVectors(LeafReader leaf, Accumulator acc, List<int> candidates, List<(TermWeight Term, int Ord, double Bound, int DocFreq)> terms, int from)
    {
        var core = leaf.Core;
        int[] ords = new int[64], freqs = new int[64];
        var byField = terms.Skip(from).GroupBy(t => t.Term.Field).ToList();
        foreach (int d in candidates)
        {
            foreach (var group in byField)
            {
                int field = group.Key;
                int n = core.TermVector(d, field, ref ords, ref freqs);
                if (n == 0) continue;
                byte norm = core.Norms[field]?[d] ?? 1;
                foreach (var (term, ord, _, _) in group)
                {
                    int at = Array.BinarySearch(ords, 0, n, ord);
                    if (at >= 0) { acc.Score[d] += term.Scorer.Score(freqs[at], norm); acc.Should[d]++; }
                }
            }
        }
    }

    private sealed class CandidateSink(Accumulator acc) : IHitSink
    {
        public void Hit(int doc, float score)
        {
            if (acc.IsTouched(doc) && acc.Must[doc] == 1) { acc.Score[doc] += score; acc.Should[doc]++; }
        }
    }
}
