namespace LuceneReco.Rankers.Diversity.Vectors;

/// <summary>How two candidates' keyword attributes compare.</summary>
public enum AttributeMatch
{
    /// <summary>Implemented as <c>|A n B| / |A u B|</c> over the (field, value) pairs of both; 0 when neither has any.</summary>
    Jaccard,

    /// <summary>Implemented as the share of the attribute fields in which both have the same, non-empty set of values.</summary>
    Equality,
}
