namespace LuceneReco.Index.Search.Weights;

/// <summary>Receives the matches of a weight in one segment: local doc and score.</summary>
internal interface IHitSink
{
    void Hit(int doc, float score);
}

/// <summary>
/// A query compiled against one reader (statistics resolved, scorers built); scores segment by segment.
/// </summary>
internal abstract class Weight
{
    /// <summary>Sends every match in <paramref name="leaf"/> (live or not: the caller filters deletes) to <paramref name="sink"/>.</summary>
    public abstract void Score(LeafReader leaf, IHitSink sink);

    /// <summary>The explanation of local doc <paramref name="doc"/>'s score, or null when it does not match.</summary>
    public abstract Explanation? Explain(LeafReader leaf, int doc);
}
