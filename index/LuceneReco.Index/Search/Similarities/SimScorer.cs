namespace LuceneReco.Index.Search.Similarities;

/// <summary>Scores one query term against documents, given the term's frequency and the document's encoded field length.</summary>
public abstract class SimScorer
{
    /// <summary>The score of a document where the term occurs <paramref name="freq"/> times and whose norm byte is <paramref name="norm"/>.</summary>
    public abstract float Score(float freq, byte norm);

    /// <summary>The explanation of <see cref="Score"/>; its value equals the score exactly.</summary>
    public abstract Explanation Explain(float freq, byte norm);

    /// <summary>An upper bound of <see cref="Score"/> for any document where freq is at most <paramref name="maxFreq"/> (used to skip work).</summary>
    public abstract float MaxScore(float maxFreq);
}
