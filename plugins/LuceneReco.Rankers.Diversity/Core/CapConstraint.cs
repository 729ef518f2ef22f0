namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>At most <paramref name="Max"/> candidates of any one group of <paramref name="Groups"/> among the first <paramref name="Within"/> places.</summary>
/// <param name="Groups">The attribute.</param>
/// <param name="Max">At least 1.</param>
/// <param name="Within">How many leading places the cap covers, at least 1.</param>
internal readonly record struct CapConstraint(GroupColumn Groups, int Max, int Within);
