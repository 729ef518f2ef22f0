namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>What <see cref="Mmr.Select"/> chose.</summary>
/// <param name="Order">The picked candidates, best first.</param>
/// <param name="Objective">The MMR value of each pick when it was picked, parallel to <paramref name="Order"/>.</param>
/// <param name="MaxSimilarity">Per candidate: its largest similarity to the items picked before it (for items never picked: to all picks).</param>
/// <param name="Closest">Per candidate: the pick that similarity was to, or -1 when it is 0 or there was none.</param>
internal sealed record MmrResult(int[] Order, double[] Objective, double[] MaxSimilarity, int[] Closest);
