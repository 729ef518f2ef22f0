namespace LuceneReco.Host.Experiments;

/// <summary>Lists shown, the users they were shown to, and how many of them got a click or a conversion within the window.</summary>
/// <param name="Lists">Impressions (lists shown).</param>
/// <param name="Users">Distinct users they were shown to.</param>
/// <param name="Clicked">Lists with at least one click on an item they showed.</param>
/// <param name="Converted">Lists with at least one conversion on an item they showed.</param>
internal sealed record RateFigures(long Lists, long Users, long Clicked, long Converted)
{
    /// <summary>Clicked lists per list (0 when there is none).</summary>
    public double ClickThroughRate => Lists == 0 ? 0 : (double)Clicked / Lists;

    /// <summary>Converted lists per list (0 when there is none).</summary>
    public double ConversionRate => Lists == 0 ? 0 : (double)Converted / Lists;
}

/// <summary>A two-proportion z-test of the interleaved lists' rate against the control's own lists' rate.</summary>
/// <param name="Z">Positive when the interleaved lists' rate is higher.</param>
/// <param name="P">The two-sided p-value.</param>
internal sealed record RateTest(double Z, double P);

/// <summary>What the interleaving says: preferences for the candidate (wins), for the control (losses), ties, and lists nobody clicked.</summary>
/// <param name="Wins">Lists whose clicks preferred the candidate (B).</param>
/// <param name="Losses">Lists whose clicks preferred the control (A).</param>
/// <param name="Ties">Lists with clicks credited equally.</param>
/// <param name="NoClick">Interleaved lists without a click (no evidence).</param>
/// <param name="P">The exact two-sided sign test of wins against losses (lists; see <see cref="UserP"/> for users).</param>
internal sealed record InterleavingFigures(long Wins, long Losses, long Ties, long NoClick, double P)
{
    /// <summary>
    /// Users whose lists, taken together, preferred the candidate (more wins than losses); each user counts once, so a user
    /// with many lists cannot make the test look surer than it is. <value>The default is 0.</value>
    /// </summary>
    public long UserWins { get; init; }

    /// <summary>Users whose lists, taken together, preferred the control. <value>The default is 0.</value></summary>
    public long UserLosses { get; init; }

    /// <summary>The exact two-sided sign test of <see cref="UserWins"/> against <see cref="UserLosses"/>. <value>The default is 1.</value></summary>
    public double UserP { get; init; } = 1;

    /// <summary>The candidate's share of the preferences, wins / (wins + losses); 0.5 when there are none.</summary>
    public double CandidateShare => Wins + Losses == 0 ? 0.5 : (double)Wins / (Wins + Losses);
}

/// <summary>
/// How many more users the experiment needs to detect the planned effect (null when there is no data to extrapolate from yet):
/// what is still missing divided by what one user has given so far.
/// </summary>
/// <param name="Effect">The candidate's planned share of preferences above one half (0.05: 55 %).</param>
/// <param name="Lift">The planned relative change of the click-through rate (0.1: 10 % more).</param>
/// <param name="Alpha">The test's level.</param>
/// <param name="Power">The chance of detecting the effect if it is there.</param>
/// <param name="PreferencesNeeded">Wins plus losses the sign test needs.</param>
/// <param name="InterleavingUsersNeeded">More users in the experiment to reach them, at the preferences per user seen so far.</param>
/// <param name="ListsNeededPerSide">Lists each side needs for the click-through z-test (from the control's own rate), or null.</param>
/// <param name="RateUsersNeeded">More users on the smaller side to reach them, at the lists per user seen so far.</param>
internal sealed record SamplePlan(double Effect, double Lift, double Alpha, double Power, long PreferencesNeeded, long? InterleavingUsersNeeded,
    long? ListsNeededPerSide, long? RateUsersNeeded);

/// <summary>One experiment's online figures (<c>GET /metrics</c>, <c>lucenereco experiment report</c>; docs/experiments.md).</summary>
/// <param name="Experiment">The experiment.</param>
/// <param name="Control">The control pipeline (variant A).</param>
/// <param name="Candidate">The candidate pipeline (variant B).</param>
/// <param name="Method">teamDraft or balanced.</param>
/// <param name="Traffic">The configured share of the control's users.</param>
/// <param name="AttributionMinutes">How long after a list an event counts for it.</param>
/// <param name="ControlOwn">The control's own lists (users outside the traffic share), when its feature log keeps them.</param>
/// <param name="Interleaved">The interleaved lists.</param>
/// <param name="VariantA">Within the interleaved lists, those where an item variant A showed was clicked or converted.</param>
/// <param name="VariantB">The same for variant B.</param>
/// <param name="Interleaving">Wins, losses and ties per interleaved list, and their sign test.</param>
/// <param name="ClickThrough">Interleaved against the control's own lists, click-through; null without both.</param>
/// <param name="Conversion">The same for conversions.</param>
/// <param name="Plan">How many more users are needed.</param>
internal sealed record ExperimentSummary(string Experiment, string Control, string Candidate, string Method, double Traffic, int AttributionMinutes,
    RateFigures ControlOwn, RateFigures Interleaved, RateFigures VariantA, RateFigures VariantB, InterleavingFigures Interleaving,
    RateTest? ClickThrough, RateTest? Conversion, SamplePlan Plan);
