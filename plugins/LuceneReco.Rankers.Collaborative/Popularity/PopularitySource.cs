using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Popularity;

/// <summary>
/// The "popular" source: the served popularity model's items in popular or trending order, those the request accepts, for
/// users with no history (a pipeline's <c>fallback</c>) or as one more list to fuse.
/// </summary>
internal sealed class PopularitySource(ModelStore<PopularityModel> store, PopularityOrder order) : ICandidateSource
{
    public IReadOnlyList<SourcedCandidate> Recall(CandidateQuery query, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (store.For(query.Models) is not { } loaded) return []; // the version this request pinned
        var model = loaded.Model;
        float[] scores = order == PopularityOrder.Trending ? model.Trending : model.Popular;
        string? why = query.Explain ? (order == PopularityOrder.Trending ? "trending now" : "popular with everyone") : null;
        var hits = new List<SourcedCandidate>(query.Size);
        foreach (int i in model.Ranked(order))
        {
            if (hits.Count == query.Size) break;
            string id = model.Items[i];
            if (query.Accepts(id)) hits.Add(new SourcedCandidate(id, scores[i], why));
        }
        return hits;
    }

    public Predicate<string>? KnownItems() => store.Get() is { } loaded ? loaded.Model.Items.Contains : null;

    public Predicate<string>? KnownItems(CandidateQuery query) => store.For(query.Models) is { } loaded ? loaded.Model.Items.Contains : null;
}
