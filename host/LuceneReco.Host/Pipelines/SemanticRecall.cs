using LuceneReco.Index;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Vectors;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// The search half of the semantic sources: nearest neighbours of a vector among the items the request accepts (live, passing
/// the filters, not excluded, not a source item), by <see cref="VectorSearch"/> (an exact scan, or a large segment's HNSW
/// graph), which applies the filter before the top k (so a filter that leaves k items gives k), and the explanation line
/// "semantically close to TITLE". Offline requests wait for a graph rather than scan while it builds, so they repeat.
/// </summary>
internal static class SemanticRecall
{
    private static readonly VectorSearchOptions OfflineSearch = new() { WaitForGraphs = true };

    /// <summary>The best <see cref="RecallStep.Size"/> hits near <paramref name="query"/>; <paramref name="why"/> makes each hit's line when explaining.</summary>
    public static IReadOnlyList<RecallHit> Search(RecallContext context, RecallStep step, VectorSpace space, ReadOnlySpan<float> query,
        IReadOnlySet<int> sourceDocs, Func<int, string> why)
    {
        var reader = context.View;
        var options = context.Offline ? OfflineSearch : VectorSearchOptions.Default;
        var top = reader.NearestVectors(space, query, step.Size, doc => !sourceDocs.Contains(doc) && context.AcceptsDoc(doc), options);
        var hits = new List<RecallHit>(top.Hits.Count);
        foreach (var hit in top.Hits)
            hits.Add(new RecallHit(hit.Doc, reader.IdOf(hit.Doc), hit.Score, context.Explain ? new Reason("", why(hit.Doc)) { Kind = "semantic" } : null));
        return hits;
    }

    /// <summary>"semantically close to Alien".</summary>
    public static string CloseTo(string what) => "semantically close to " + what;

    /// <summary>The item's title, or its id when it has none (<see cref="ItemWords.Title"/>).</summary>
    public static string TitleOf(IRecallView reader, int doc) => ItemWords.Title(reader, doc);
}
