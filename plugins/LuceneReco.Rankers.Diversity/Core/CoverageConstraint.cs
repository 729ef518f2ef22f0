namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>At least <paramref name="Min"/> distinct groups of <paramref name="Groups"/> among the first <paramref name="Within"/> places (as far as the candidates allow).</summary>
/// <param name="Groups">The attribute.</param>
/// <param name="Min">At least 0; 0 is off.</param>
/// <param name="Within">How many leading places, at least 1.</param>
internal readonly record struct CoverageConstraint(GroupColumn Groups, int Min, int Within);
