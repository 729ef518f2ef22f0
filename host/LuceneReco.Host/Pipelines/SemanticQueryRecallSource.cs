namespace LuceneReco.Host.Pipelines;

/// <summary>
/// <c>semantic</c>: the items whose dense vectors are nearest the query text's, encoded by the embedding plugin whose model made
/// the index's vectors (<see cref="QueryEncoders"/>). Fuse it with <c>search</c> for hybrid recall: BM25 finds the words, this
/// finds the meaning.
/// </summary>
internal sealed class SemanticQueryRecallSource : IRecallSource
{
    public string Name => "semantic";

    /// <exception cref="ArgumentException">
    /// The index has vectors but no loaded plugin encodes queries for their model, or the plugin failed (the runner skips the
    /// source for the request and says why; lexical recall still serves).
    /// </exception>
    public IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step)
    {
        var reader = context.View;
        if (string.IsNullOrWhiteSpace(context.QueryText) || reader.VectorSpace is not { } space || context.Encoders is not { } encoders) return [];
        float[]? query;
        try { query = encoders.Encode(space, context.QueryText, CancellationToken.None); }
        catch (Exception e) when (e is not ArgumentException) // plugin code: its failure costs this source only
        {
            throw new ArgumentException($"the embedding plugin could not encode the query: {e.GetType().Name}: {e.Message}", e);
        }
        if (query is null) throw new ArgumentException($"no loaded embedding plugin encodes queries for the index's vectors of {space.Describe()}");
        string line = SemanticRecall.CloseTo($"\"{context.QueryText.Trim()}\"");
        return SemanticRecall.Search(context, step, space, query, new HashSet<int>(), _ => line);
    }
}
