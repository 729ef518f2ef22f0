namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>How the alpha of several protected groups' tables is adjusted (with <see cref="FairOptions.Adjust"/>).</summary>
public enum GroupAdjustment
{
    /// <summary>
    /// Exactly (<see cref="MultinomialAdjuster"/>): one alpha' for every group, the largest whose tables a fair ranking (each
    /// position's group drawn from the multinomial of the shares) fails with probability at most alpha.
    /// </summary>
    Exact,

    /// <summary>Each group's table adjusted on its own to alpha / G (a union bound: safe, but stricter than it needs to be).</summary>
    UnionBound,
}
