namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>The exact adjustment of several protected groups' tables; see <see cref="MultinomialAdjuster"/>.</summary>
/// <param name="RequestedAlpha">The asked family-wise alpha.</param>
/// <param name="Tables">One adjusted table per group, in the order of the shares; each one's <see cref="MTable.Alpha"/> is the common adjusted alpha.</param>
/// <param name="FailProbability">The chance that a fair ranking fails some prefix of some group's table (at most <paramref name="RequestedAlpha"/>).</param>
/// <param name="NextFailProbability">The same for the tables of the next larger alpha' (above the asked alpha), or null when there is none.</param>
public sealed record MultinomialAdjustment(double RequestedAlpha, IReadOnlyList<MTable> Tables, double FailProbability, double? NextFailProbability)
{
    /// <summary>The adjusted per-prefix alpha every group's table is tested at.</summary>
    public double AdjustedAlpha => Tables[0].Alpha;
}
