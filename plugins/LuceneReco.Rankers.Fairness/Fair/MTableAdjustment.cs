namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>
/// The multiple-testing adjustment of FA*IR: the largest per-prefix significance alpha' whose table breaks at most
/// <see cref="RequestedAlpha"/> of fair rankings. See <see cref="MTableAdjuster"/> for how it is found.
/// </summary>
/// <param name="RequestedAlpha">The asked family-wise alpha.</param>
/// <param name="Table">The adjusted table; its <see cref="MTable.Alpha"/> is the adjusted alpha.</param>
/// <param name="NextTable">The table of the next larger breakpoint of alpha' (the first that breaks more than the asked alpha), or null when there is none.</param>
public sealed record MTableAdjustment(double RequestedAlpha, MTable Table, MTable? NextTable)
{
    /// <summary>The adjusted per-prefix alpha: the largest alpha' that still gives <see cref="Table"/>.</summary>
    public double AdjustedAlpha => Table.Alpha;

    /// <summary>The adjusted table's fail probability (at most <see cref="RequestedAlpha"/>).</summary>
    public double FailProbability => Table.FailProbability;
}
