using System.Globalization;
using LuceneReco.Plugins;

namespace FavouriteCategory;

/// <summary>Adds the boost to candidates whose category field holds the favourite, then sorts by score (stable).</summary>
internal sealed class FavouriteCategoryStage(string name, FavouriteCategoryOptions options, IRankerServices services) : IRankerStage
{
    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        var favourite = Favourite(request, cancellation);
        if (favourite is null) return ValueTask.CompletedTask;

        var boost = options.Boost.ToString("0.###", CultureInfo.InvariantCulture);
        foreach (var candidate in candidates)
        {
            cancellation.ThrowIfCancellationRequested();
            if (InCategory(candidate.ItemId, favourite))
            {
                candidate.Score += options.Boost;
                candidate.Explain(name, $"favourite category '{favourite}' {(options.Boost >= 0 ? "+" : "")}{boost}");
            }
            candidate.StageScores[name] = candidate.Score;
        }
        // OrderByDescending is stable: equal scores keep the order earlier stages gave them.
        var reordered = candidates.OrderByDescending(c => c.Score).ToList();
        candidates.Clear();
        candidates.AddRange(reordered);
        return ValueTask.CompletedTask;
    }

    /// <summary>The request's <c>favouriteCategory</c>, else the user's most frequent category (ties: ordinal first), else null.</summary>
    private string? Favourite(RankingRequest request, CancellationToken cancellation)
    {
        if (request.Options.TryGetValue(FavouriteCategoryRanker.RequestOption, out var named) && !string.IsNullOrWhiteSpace(named))
            return named.Trim();
        if (request.UserId is null) return null;

        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var interaction in services.Interactions.ForUser(request.UserId, options.MaxInteractions))
        {
            cancellation.ThrowIfCancellationRequested();
            if (!services.Items.Fields(interaction.ItemId).TryGetValue(options.Field, out var values)) continue;
            foreach (var value in values) counts[value] = counts.GetValueOrDefault(value) + 1;
        }
        return counts.Count == 0
            ? null
            : counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key;
    }

    private bool InCategory(string itemId, string favourite) =>
        services.Items.Fields(itemId).TryGetValue(options.Field, out var values)
        && values.Any(v => string.Equals(v, favourite, StringComparison.OrdinalIgnoreCase));
}
