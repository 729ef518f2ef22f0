namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>Why <see cref="ConstraintReorder"/> put a candidate where it is.</summary>
internal enum PlacementKind
{
    /// <summary>The best candidate left that keeps every cap.</summary>
    Best,

    /// <summary>Pulled up: the best candidate adding a group a coverage rule still needed.</summary>
    Coverage,

    /// <summary>No candidate left kept every cap; the best one left was placed anyway.</summary>
    Relaxed,
}

/// <summary>How a candidate was placed, and what held it back if anything did.</summary>
/// <param name="Kind">Why it is where it is.</param>
/// <param name="CoverageRule">For <see cref="PlacementKind.Coverage"/>: the rule it served, else -1.</param>
/// <param name="CoverageGroup">For <see cref="PlacementKind.Coverage"/>: the new group it added, else -1.</param>
/// <param name="CoverageCount">For <see cref="PlacementKind.Coverage"/>: the rule's distinct groups once it was placed.</param>
/// <param name="BlockedRule">The first cap that held it back, or -1 when none did.</param>
/// <param name="BlockedGroup">The group that cap was full for, or -1.</param>
internal readonly record struct Placement(PlacementKind Kind, int CoverageRule, int CoverageGroup, int CoverageCount, int BlockedRule, int BlockedGroup);
