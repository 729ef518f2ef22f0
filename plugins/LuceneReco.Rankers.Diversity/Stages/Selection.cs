namespace LuceneReco.Rankers.Diversity.Stages;

/// <summary>What a similarity stage's objective chose, in the terms the explanations need.</summary>
/// <param name="Order">The picked candidates (indices into the reordered depth), best first; the rest follow in relevance order.</param>
/// <param name="PickValue">The objective's value of each pick, parallel to <paramref name="Order"/>, recorded as feature <c>{name}.{PickFeature}</c>.</param>
/// <param name="PickFeature">The feature name of <paramref name="PickValue"/>, e.g. "score" or "gain".</param>
/// <param name="MaxSimilarity">Per candidate, its largest similarity to the picks above it.</param>
/// <param name="Closest">Per candidate, the pick that similarity was to, or -1.</param>
internal sealed record Selection(int[] Order, double[] PickValue, string PickFeature, double[] MaxSimilarity, int[] Closest);
