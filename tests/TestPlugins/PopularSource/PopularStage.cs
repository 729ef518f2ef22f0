using LuceneReco.Plugins;

namespace LuceneReco.TestPlugins.Popular;

/// <summary>Adds 0.5 to each candidate the newest count file knows, and re-sorts (stable).</summary>
internal sealed class PopularStage(string folder) : IRankerStage
{
    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        var known = PopularFile.Newest(folder)?.Select(i => i.Item).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var c in candidates)
        {
            if (!known.Contains(c.ItemId)) continue;
            c.Score += 0.5;
            c.Explain("popular", "popular with everyone");
        }
        var sorted = candidates.OrderByDescending(c => c.Score).ToList();
        candidates.Clear();
        candidates.AddRange(sorted);
        return ValueTask.CompletedTask;
    }
}
