using LuceneReco.Plugins;

namespace MyRanker;

/// <summary>Adds the boost to the candidates whose field holds the value, then sorts by score (stable: ties keep their order).</summary>
internal sealed class MyRankerStage(string name, MyRankerOptions options, IRankerServices services) : IRankerStage
{
    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        if (options.Value is not { } wanted) return ValueTask.CompletedTask; // off
        var items = request.Items ?? services.Items; // the request's point-in-time view of the catalogue
        foreach (var candidate in candidates)
        {
            cancellation.ThrowIfCancellationRequested();
            var fields = items.Fields(candidate.ItemId);
            if (fields.TryGetValue(options.Field, out var values) && values.Any(v => string.Equals(v, wanted, StringComparison.OrdinalIgnoreCase)))
            {
                candidate.Score += options.Boost;
                candidate.Features[name + ".boosted"] = 1; // numbers go to features, words to explanations
                if (request.Explain) candidate.Explain(name, $"{(options.Boost >= 0 ? "moved up" : "moved down")}: its {options.Field} is {wanted}");
            }
            candidate.StageScores[name] = candidate.Score;
        }
        var ordered = candidates.OrderByDescending(c => c.Score).ToList(); // OrderByDescending is stable
        candidates.Clear();
        candidates.AddRange(ordered);
        return ValueTask.CompletedTask;
    }
}
