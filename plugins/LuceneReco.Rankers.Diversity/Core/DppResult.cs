namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>What <see cref="DppGreedy.Select"/> chose.</summary>
/// <param name="Order">The picked candidates, in pick order; shorter than asked when the gains fell below epsilon.</param>
/// <param name="Gain">The marginal gain <c>d_j^2 = det(L_{W+j}) / det(L_W)</c> of each pick, parallel to <paramref name="Order"/>.</param>
/// <param name="MaxSimilarity">Per candidate: its largest similarity S to the items picked before it (for items never picked: to all picks).</param>
/// <param name="Closest">Per candidate: the pick that similarity was to, or -1 when it is 0 or there was none.</param>
internal sealed record DppResult(int[] Order, double[] Gain, double[] MaxSimilarity, int[] Closest);
