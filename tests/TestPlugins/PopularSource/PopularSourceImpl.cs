using LuceneReco.Plugins;

namespace LuceneReco.TestPlugins.Popular;

/// <summary>Recalls the newest count file's items in order, those the request accepts only, until the step's size is filled.</summary>
internal sealed class PopularSourceImpl(string folder) : ICandidateSource
{
    public IReadOnlyList<SourcedCandidate> Recall(CandidateQuery query, CancellationToken cancellation)
    {
        var items = PopularFile.Newest(folder);
        if (items is null) return [];
        var hits = new List<SourcedCandidate>();
        foreach (var (item, count) in items)
        {
            if (hits.Count == query.Size) break;
            if (query.Accepts(item)) hits.Add(new SourcedCandidate(item, count, "popular with everyone"));
        }
        return hits;
    }

    public Predicate<string>? KnownItems()
    {
        var items = PopularFile.Newest(folder);
        if (items is null) return null;
        var known = items.Select(i => i.Item).ToHashSet(StringComparer.Ordinal);
        return known.Contains;
    }
}
