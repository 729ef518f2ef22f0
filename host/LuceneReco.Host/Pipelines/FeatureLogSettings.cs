using System.Globalization;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// A pipeline's <c>"featureLog"</c>: every list it serves (not offline runs) is logged with each item's features and position,
/// for training a learned ranker (docs/learning-to-rank.md), e.g.
/// <c>{"path": "logs/served.db", "maxLists": 100000, "explore": 0.05, "exploreTop": 10}</c>.
/// </summary>
internal sealed record FeatureLogSettings
{
    /// <summary>The SQLite file of the log (relative to the working folder, or absolute); created when missing. Required.</summary>
    public string Path { get; init; } = "";

    /// <summary>At most how many lists the log keeps; the oldest are dropped. <value>The default is 100000.</value></summary>
    public int MaxLists { get; init; } = 100_000;

    /// <summary>
    /// The share of logged requests whose first <see cref="ExploreTop"/> items are served in a random order (and marked so in
    /// the log), from which the position bias is estimated. <value>The default is <c>null</c>: never (no propensities).</value>
    /// </summary>
    public double? Explore { get; init; }

    /// <summary>How many of the first places a randomised list shuffles. <value>The default is 10.</value></summary>
    public int ExploreTop { get; init; } = 10;

    /// <summary>Adds every problem to <paramref name="errors"/>, each prefixed with <paramref name="where"/>.</summary>
    public void Validate(string where, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Path)) errors.Add($"{where}.path must name the log's SQLite file");
        if (MaxLists is < 1 or > 100_000_000) errors.Add(Invariant($"{where}.maxLists must be 1 to 100000000, got {MaxLists}"));
        if (Explore is double e && (!double.IsFinite(e) || e is < 0 or > 1)) errors.Add(Invariant($"{where}.explore must be 0 to 1 (or null for never), got {e}"));
        if (ExploreTop is < 2 or > PipelineRequest.MaxK) errors.Add(Invariant($"{where}.exploreTop must be 2 to {PipelineRequest.MaxK}, got {ExploreTop}"));
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
