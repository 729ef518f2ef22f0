using LuceneReco.Plugins;
using LuceneReco.Rankers.Fairness.Common;

namespace LuceneReco.Rankers.Fairness.Exposure;

/// <summary>
/// Per request: reads each candidate's group, adds <c>min(maxBoost, gain * deficit) * (max - min score)</c> to the candidates
/// of groups below their target, reorders by the new score (stable), explains the moves, and, unless the request is
/// offline, records the exposure the final list gives each group (<c>1 / log2(1 + rank)</c> over the top depth) and the
/// exposure each was owed. Features: <c>exposure.deficit</c> and <c>exposure.boost</c> (in score-range units) on boosted
/// candidates, <c>exposure.from</c>/<c>exposure.to</c> on moved ones.
/// </summary>
internal sealed class ExposureStage(string name, ExposureOptions options, IRankerServices services, ExposureController controller)
    : IRankerStage, IDisposable
{
    internal ExposureController Controller => controller;

    public void Dispose() => controller.Save();

    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidates);
        int n = candidates.Count;
        if (n == 0) return ValueTask.CompletedTask;
        IItemCatalog items = request.Items ?? services.Items;

        // Group of each candidate (-1: no attribute), and the distinct groups of this request.
        var names = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var group = new int[n];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int c = 0; c < n; c++)
        {
            group[c] = -1;
            if (items.Fields(candidates[c].ItemId).TryGetValue(options.Field, out IReadOnlyList<string>? values) && values.Count > 0 && values[0].Length > 0)
            {
                if (!index.TryGetValue(values[0], out int g)) { index[values[0]] = g = names.Count; names.Add(values[0]); }
                group[c] = g;
            }
            min = Math.Min(min, candidates[c].Score);
            max = Math.Max(max, candidates[c].Score);
        }
        if (names.Count == 0) return ValueTask.CompletedTask;
        cancellation.ThrowIfCancellationRequested();
        double range = max > min ? max - min : 1;

        var deficit = new double[names.Count];
        controller.Deficits(names, deficit);
        var relevance = new double[names.Count];
        var order = new (double Score, int Position)[n];
        for (int c = 0; c < n; c++)
        {
            Candidate candidate = candidates[c];
            if (group[c] >= 0)
            {
                relevance[group[c]] += max > min ? (candidate.Score - min) / range : 1;
                double d = deficit[group[c]], boost = Math.Min(options.MaxBoost, options.Gain * d);
                if (boost > 0)
                {
                    candidate.Score += boost * range;
                    candidate.Features["exposure.deficit"] = d;
                    candidate.Features["exposure.boost"] = boost;
                }
            }
            order[c] = (candidate.Score, c);
        }
        Array.Sort(order, static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Position.CompareTo(b.Position));
        var before = candidates.ToArray();
        for (int i = 0; i < n; i++) candidates[i] = before[order[i].Position];
        Explain(names, group, before, order);

        cancellation.ThrowIfCancellationRequested(); // a stage past its budget is dropped: leave its request unrecorded
        if (!request.Offline)
        {
            int depth = Math.Min(n, options.Depth ?? (request.K > 0 ? request.K : n));
            var received = new double[names.Count];
            double total = 0;
            for (int i = 0; i < depth; i++)
            {
                int g = group[order[i].Position];
                if (g < 0) continue;
                double w = 1 / Math.Log2(2 + i); // rank r = i + 1: 1 / log2(1 + r)
                received[g] += w;
                total += w;
            }
            if (total > 0)
            {
                for (int g = 0; g < received.Length; g++) received[g] /= total;
                var owed = new double[names.Count];
                double relevanceTotal = 0;
                foreach (double r in relevance) relevanceTotal += r;
                for (int g = 0; g < owed.Length; g++)
                    owed[g] = options.Target == ExposureTarget.Relevance && relevanceTotal > 0 ? relevance[g] / relevanceTotal : 1.0 / names.Count;
                controller.Record(names, received, owed);
            }
        }
        return ValueTask.CompletedTask;
    }

    private void Explain(List<string> names, int[] group, Candidate[] before, (double Score, int Position)[] order)
    {
        for (int i = 0; i < order.Length; i++)
        {
            int from = order[i].Position;
            if (from == i) continue;
            Candidate c = before[from];
            c.Features["exposure.from"] = from + 1;
            c.Features["exposure.to"] = i + 1;
            if (from > i && group[from] >= 0)
                c.Explain(name, Text.F($"moved up from {from + 1} to {i + 1} because items from '{names[group[from]]}' have been shown less than their fair share lately"));
            else if (from < i)
                c.Explain(name, Text.F($"moved down from {from + 1} to {i + 1} to make room for items from sources shown less than their fair share lately"));
        }
    }
}
