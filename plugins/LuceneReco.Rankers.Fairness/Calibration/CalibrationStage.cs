using LuceneReco.Plugins;
using LuceneReco.Rankers.Fairness.Common;

namespace LuceneReco.Rankers.Fairness.Calibration;

/// <summary>
/// Per request: p from the user's stored interactions (else the request's recent items), each history item's categories
/// from the catalogue; relevance = the incoming scores min-max normalised to 0..1; then <see cref="CalibratedSelection"/>
/// over the top k. Without a history that has categories the list is left as it is. Features: <c>calibration.kl</c> (the
/// divergence once the item joined the list) on the top k, <c>calibration.from</c>/<c>calibration.to</c> on moved items.
/// </summary>
internal sealed class CalibrationStage(string name, CalibrationOptions options, IRankerServices services) : IRequestValidatingStage
{
    /// <summary>The request option overriding lambda, within the options' bounds.</summary>
    public const string LambdaKey = "calibration.lambda";

    public IReadOnlyList<string> ValidateRequest(RankingRequest request)
    {
        var problems = new List<string>();
        if (request?.Options is null || !request.Options.TryGetValue(LambdaKey, out string? text)) return problems;
        if (options.MinLambda is not double lo || options.MaxLambda is not double hi)
            problems.Add($"{LambdaKey} cannot be set on this pipeline (its calibration stage sets no minLambda and maxLambda)");
        else if (!Text.TryNumber(text, out double v) || v < lo || v > hi)
            problems.Add(Text.F($"{LambdaKey} must be between {lo} and {hi}, got {text}"));
        return problems;
    }

    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidates);
        int n = candidates.Count;
        if (n < 2) return ValueTask.CompletedTask;
        IItemCatalog items = request.Items ?? services.Items;

        // p: the history's category distribution.
        var categoryIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        var mass = new List<double>();
        double historyItems = 0;
        foreach (string id in History(request))
        {
            if (!items.Fields(id).TryGetValue(options.Field, out IReadOnlyList<string>? cats) || cats.Count == 0) continue;
            historyItems++;
            foreach (string cat in cats)
            {
                if (!categoryIndex.TryGetValue(cat, out int j)) { categoryIndex[cat] = j = names.Count; names.Add(cat); mass.Add(0); }
                mass[j] += 1.0 / cats.Count;
            }
        }
        if (historyItems == 0) return ValueTask.CompletedTask;
        cancellation.ThrowIfCancellationRequested();
        int g = names.Count;
        var p = new double[g];
        for (int j = 0; j < g; j++) p[j] = mass[j] / historyItems;

        // Candidates: weights on the history's categories (sparse rows), whether categorised at all, normalised relevance.
        var start = new int[n + 1];
        var category = new List<int>(n);
        var weight = new List<double>(n);
        var categorised = new bool[n];
        var relevance = new double[n];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (Candidate c in candidates) { min = Math.Min(min, c.Score); max = Math.Max(max, c.Score); }
        for (int c = 0; c < n; c++)
        {
            relevance[c] = max > min ? (candidates[c].Score - min) / (max - min) : 1;
            if (items.Fields(candidates[c].ItemId).TryGetValue(options.Field, out IReadOnlyList<string>? cats) && cats.Count > 0)
            {
                categorised[c] = true;
                foreach (string cat in cats)
                {
                    if (!categoryIndex.TryGetValue(cat, out int j)) continue;
                    int at = category.IndexOf(j, start[c]);
                    if (at >= 0) { weight[at] += 1.0 / cats.Count; continue; } // a category listed twice
                    category.Add(j);
                    weight.Add(1.0 / cats.Count);
                }
            }
            start[c + 1] = category.Count;
        }
        cancellation.ThrowIfCancellationRequested();

        int k = Math.Min(n, options.K ?? (request.K > 0 ? request.K : n));
        var kl = new double[n];
        int[] order = CalibratedSelection.Select(relevance, p, start, [.. category], [.. weight], categorised, k, Lambda(request), options.Smoothing, kl);
        var before = candidates.ToArray();
        for (int i = 0; i < n; i++) candidates[i] = before[order[i]];
        Explain(before, order, k, kl, p, start, category, weight, categorised, names);
        return ValueTask.CompletedTask;
    }

    private IEnumerable<string> History(RankingRequest request)
    {
        if (request.UserId is { Length: > 0 } user)
        {
            IReadOnlyList<Interaction> events = services.Interactions.ForUser(user, options.MaxHistory);
            if (events.Count > 0)
            {
                foreach (Interaction e in events) yield return e.ItemId;
                yield break;
            }
        }
        if (request.RecentItems is null) yield break;
        for (int i = 0; i < request.RecentItems.Count && i < options.MaxHistory; i++) yield return request.RecentItems[i];
    }

    private double Lambda(RankingRequest request) =>
        options.MinLambda is double lo && options.MaxLambda is double hi
        && request.Options.TryGetValue(LambdaKey, out string? text) && Text.TryNumber(text, out double v) && v >= lo && v <= hi
            ? v
            : options.Lambda;

    private void Explain(Candidate[] before, int[] order, int k, double[] kl, double[] p, int[] start, List<int> category, List<double> weight, bool[] categorised, List<string> names)
    {
        int g = p.Length;
        var sums = new double[g];
        double count = 0;
        for (int i = 0; i < order.Length; i++)
        {
            int from = order[i];
            Candidate c = before[from];
            if (i < k) c.Features["calibration.kl"] = kl[i];
            if (from != i)
            {
                c.Features["calibration.from"] = from + 1;
                c.Features["calibration.to"] = i + 1;
            }
            if (from > i)
            {
                // The history category this item brought that the list was shortest of when it was picked.
                int shortest = -1;
                double gap = 0;
                for (int e = start[from]; e < start[from + 1]; e++)
                {
                    int j = category[e];
                    double missing = p[j] - (count > 0 ? sums[j] / count : 0);
                    if (missing > gap) { gap = missing; shortest = j; }
                }
                c.Explain(name, shortest >= 0
                    ? Text.F($"moved up from {from + 1} to {i + 1} so the list has more {names[shortest]}, as in your history")
                    : Text.F($"moved up from {from + 1} to {i + 1} as items above it gave way to categories from your history"));
            }
            else if (from < i)
            {
                c.Explain(name, Text.F($"moved down from {from + 1} to {i + 1} so the list's categories follow your history more closely"));
            }
            if (i < k)
            {
                for (int e = start[from]; e < start[from + 1]; e++) sums[category[e]] += weight[e];
                if (categorised[from]) count++;
            }
        }
    }
}
