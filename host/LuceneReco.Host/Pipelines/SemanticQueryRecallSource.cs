namespace LuceneReco.Host.Pipelines;

/// <summary>
/// <c>semantic</c>: the items whose dense vectors are nearest the query text's, encoded by the embedding plugin whose model made
/// the index's vectors (<see cref="QueryEncoders"/>). Fuse it with <c>search</c> for hybrid recall: BM25 finds the words, this
/// finds the meaning.
/// </summary>
internal sealed class SemanticQueryRecallSource : IRecallSource
{
    public string Name => "semantic";

    /// <exception cref="ArgumentException">The index has vectors but no loaded plugin encodes queries for their model.</exception>
    public IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step)
    {
        var reader = context.Reader;
        if (string.IsNullOrWhiteSpace(context.QueryText) || reader.VectorSpace is not { } space || context.Encoders is not { } encoders) return [];
        var query = encoders.Encode(space, context.QueryText, CancellationToken.None)
            ?? throw new ArgumentException($"no loaded embedding plugin encodes queries for the index's vectors of {space.Describe()}");
        string line = SemanticRecall.CloseTo($"\"{context.QueryText.Trim()}\"");
        return SemanticRecall.Search(context, step, space, query, new HashSet<int>(), _ => line);
    }
}
