using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Popularity;

/// <summary>
/// The "popular" stage: records each candidate's popularity as features (<c>popular.users</c>, <c>popular.trending</c>) for
/// later stages (a learned ranker), without reordering. Items the model does not know get no feature (missing, not 0).
/// </summary>
internal sealed class PopularityStage(ModelStore<PopularityModel> store) : IRankerStage
{
    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(candidates);
        if (store.For(request.Models) is not { } loaded) return ValueTask.CompletedTask;
        var model = loaded.Model;
        foreach (var c in candidates)
        {
            int i = model.Items.IndexOf(c.ItemId);
            if (i < 0) continue;
            c.Features["popular.users"] = model.Popular[i];
            c.Features["popular.trending"] = model.Trending[i];
        }
        return ValueTask.CompletedTask;
    }
}
