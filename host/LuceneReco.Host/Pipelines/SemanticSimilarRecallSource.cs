namespace LuceneReco.Host.Pipelines;

/// <summary><c>semantic-similar</c>: the items whose dense vectors are nearest the request's item's ("similar items" by meaning).</summary>
internal sealed class SemanticSimilarRecallSource : IRecallSource
{
    public string Name => "semantic-similar";

    public IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step)
    {
        var reader = context.View;
        if (context.ItemDoc < 0 || reader.VectorSpace is not { } space) return [];
        var vector = reader.Vector(context.ItemDoc);
        if (vector.IsEmpty) return []; // not embedded yet: lexical "similar" still serves it
        string line = SemanticRecall.CloseTo(SemanticRecall.TitleOf(reader, context.ItemDoc));
        return SemanticRecall.Search(context, step, space, vector, new HashSet<int> { context.ItemDoc }, _ => line);
    }
}
