namespace LuceneReco.Rankers.Collaborative.Data;

/// <summary>How repeated events of one user on one item combine into one weight.</summary>
public enum WeightAggregation
{
    /// <summary>The sum of the weights (views and clicks accumulate).</summary>
    Sum,

    /// <summary>The largest weight.</summary>
    Max,

    /// <summary>The newest event's weight (a re-rating replaces the old rating).</summary>
    Latest,
}
