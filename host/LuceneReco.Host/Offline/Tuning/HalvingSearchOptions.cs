using System.Globalization;

namespace LuceneReco.Host.Offline.Tuning;

/// <summary>How a <see cref="HalvingSearch"/> runs.</summary>
internal sealed record HalvingSearchOptions
{
    /// <summary>Seeds the trials drawn. <value>The default is 7.</value></summary>
    public int Seed { get; init; } = 7;

    /// <summary>Trials drawn (the first is the defaults); fewer run when the budget runs out. <value>The default is 40.</value></summary>
    public int MaxTrials { get; init; } = 40;

    /// <summary>
    /// The share of the drawn trials that change only 1 to 3 settings of the defaults (<see cref="SearchSpace.Near"/>); the
    /// rest draw every setting. In a space of some thirty settings a full draw rarely beats defaults that already work, while
    /// a draw near them tries one idea at a time (another recall source, a stage left out, a larger model), so a short search
    /// finds what helps. <value>The default is 0.5.</value>
    /// </summary>
    public double NearDefaults { get; init; } = 0.5;

    /// <summary>Wall time the search may take. <value>The default is 20 minutes.</value></summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>
    /// The share of the evaluation data each rung uses, increasing, the last 1: every trial runs on the first share, the best
    /// 1/<see cref="Eta"/> of them on the next, and so on (successive halving, Jamieson &amp; Talwalkar 2016).
    /// <value>The default is 0.2, 0.5, 1.</value>
    /// </summary>
    public IReadOnlyList<double> Rungs { get; init; } = [0.2, 0.5, 1];

    /// <summary>One in this many trials goes on to the next rung. <value>The default is 3.</value></summary>
    public int Eta { get; init; } = 3;

    /// <summary>Trial 0 (the defaults) goes on to every rung however it scores, so the choice never scores below the defaults on the whole set. <value>The default is <c>true</c>.</value></summary>
    public bool KeepDefaults { get; init; } = true;

    /// <summary>
    /// The relative cost of a trial's settings (for example how many models it trains, and how dear they are): trials after
    /// the defaults run cheapest first, so a budget that cuts the search leaves out the dear ones. <value>The default is
    /// <c>null</c>: the order drawn.</value>
    /// </summary>
    public Func<IReadOnlyDictionary<string, string>, double>? Cost { get; init; }

    /// <summary>The clock the budget is measured on. <value>The default is <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (MaxTrials is < 1 or > 10_000) errors.Add(Invariant($"MaxTrials must be 1 to 10000, got {MaxTrials}"));
        if (!(NearDefaults is >= 0 and <= 1)) errors.Add(Invariant($"NearDefaults must be 0 to 1, got {NearDefaults}"));
        if (Budget <= TimeSpan.Zero) errors.Add("Budget must be positive");
        if (Eta < 2) errors.Add(Invariant($"Eta must be >= 2, got {Eta}"));
        if (Rungs.Count == 0 || Rungs[^1] != 1) errors.Add("Rungs must end with 1 (the whole evaluation set)");
        for (int r = 0; r < Rungs.Count; r++)
            if (!(Rungs[r] > 0 && Rungs[r] <= 1) || (r > 0 && Rungs[r] <= Rungs[r - 1])) errors.Add("Rungs must increase, each above 0 and at most 1");
        return errors;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
