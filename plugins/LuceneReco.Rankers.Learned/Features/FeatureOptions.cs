using System.Globalization;

namespace LuceneReco.Rankers.Learned.Features;

/// <summary>
/// The "options" of a pipeline step using the "features" ranker, e.g.
/// <c>{"textFields": "title,body", "keywordFields": "genres", "numericFields": "year", "contextKeys": "device"}</c>.
/// Names are comma-separated; <c>null</c> turns the extractor that needs them off.
/// </summary>
public sealed class FeatureOptions
{
    /// <summary>Which built-in extractors run, comma-separated, in this order (see <see cref="FeatureExtractors.Names"/>).</summary>
    /// <value>The default is <c>null</c>: every extractor whose fields are set.</value>
    public string? Extractors { get; set; }

    /// <summary>Text fields for <c>bm25.*</c>, <c>tfidf.*</c> and <c>length.*</c> (term vectors).</summary>
    /// <value>The default is "title,body".</value>
    public string? TextFields { get; set; } = "title,body";

    /// <summary>Keyword fields whose values are compared with the user's recent items (<c>overlap.*</c>).</summary>
    /// <value>The default is "category,tags".</value>
    public string? KeywordFields { get; set; } = "category,tags";

    /// <summary>Numeric fields copied as <c>num.*</c>.</summary>
    /// <value>The default is <c>null</c> (none).</value>
    public string? NumericFields { get; set; }

    /// <summary>The numeric field saying when an item appeared, for <c>age.days</c>.</summary>
    /// <value>The default is <c>null</c> (no age).</value>
    public string? AgeField { get; set; }

    /// <summary>How <see cref="AgeField"/> counts: <c>seconds</c> (Unix seconds) or <c>year</c>.</summary>
    /// <value>The default is "seconds".</value>
    public string AgeUnit { get; set; } = "seconds";

    /// <summary>Request option keys passed on as context features (<c>ctx.*</c>); hour and weekday are always written.</summary>
    /// <value>The default is <c>null</c> (hour and weekday only).</value>
    public string? ContextKeys { get; set; }

    /// <summary>The window, in days, of <c>pop.recent</c> and <c>pop.trend</c>.</summary>
    /// <value>The default is 7. More than 0, at most 3650.</value>
    public double PopularityDays { get; set; } = 7;

    /// <summary>At most how many of an item's newest events the popularity features read.</summary>
    /// <value>The default is 1000. 1 to 100000.</value>
    public int PopularityDepth { get; set; } = 1000;

    /// <summary>At most how many of the user's recent items <c>overlap.*</c> compares with.</summary>
    /// <value>The default is 50. 1 to 1000.</value>
    public int HistoryDepth { get; set; } = 50;

    /// <summary>BM25's term-frequency saturation k1.</summary>
    /// <value>The default is 1.2. 0 to 10.</value>
    public double K1 { get; set; } = 1.2;

    /// <summary>BM25's length normalisation b.</summary>
    /// <value>The default is 0.75. 0 to 1.</value>
    public double B { get; set; } = 0.75;

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option at once.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Extractors is not null)
        {
            var names = Split(Extractors);
            if (names.Length == 0) problems.Add("extractors, when given, must name at least one extractor");
            foreach (string n in names)
                if (!FeatureExtractors.Names.Contains(n)) problems.Add($"unknown extractor \"{n}\" (known: {string.Join(", ", FeatureExtractors.Names)})");
            if (Array.IndexOf(names, "age") >= 0 && AgeField is null) problems.Add("extractor age needs ageField");
            if (Array.IndexOf(names, "numeric") >= 0 && NumericFields is null) problems.Add("extractor numeric needs numericFields");
            if (Array.IndexOf(names, "text") >= 0 && TextFields is null) problems.Add("extractor text needs textFields");
            if (Array.IndexOf(names, "overlap") >= 0 && KeywordFields is null) problems.Add("extractor overlap needs keywordFields");
        }
        foreach (var (name, value) in new[] { ("textFields", TextFields), ("keywordFields", KeywordFields), ("numericFields", NumericFields), ("contextKeys", ContextKeys) })
            if (value is not null && Split(value).Length == 0) problems.Add($"{name}, when given, must name at least one field");
        if (AgeField is { } age && string.IsNullOrWhiteSpace(age)) problems.Add("ageField, when given, must name a field");
        if (ParseAgeUnit(AgeUnit) is null) problems.Add($"ageUnit must be seconds or year, got \"{AgeUnit}\"");
        if (!double.IsFinite(PopularityDays) || PopularityDays is <= 0 or > 3650) problems.Add(Invariant($"popularityDays must be more than 0 and at most 3650, got {PopularityDays}"));
        if (PopularityDepth is < 1 or > 100_000) problems.Add(Invariant($"popularityDepth must be 1 to 100000, got {PopularityDepth}"));
        if (HistoryDepth is < 1 or > 1000) problems.Add(Invariant($"historyDepth must be 1 to 1000, got {HistoryDepth}"));
        if (!double.IsFinite(K1) || K1 is < 0 or > 10) problems.Add(Invariant($"k1 must be 0 to 10, got {K1}"));
        if (!double.IsFinite(B) || B is < 0 or > 1) problems.Add(Invariant($"b must be 0 to 1, got {B}"));
        if (problems.Count > 0) throw new ArgumentException($"Options of ranker 'features' are invalid: {string.Join("; ", problems)}");
    }

    /// <summary>Comma-separated names, trimmed, empty entries dropped.</summary>
    internal static string[] Split(string? names) =>
        names is null ? [] : names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static Extractors.AgeUnit? ParseAgeUnit(string? unit) => unit?.Trim().ToLowerInvariant() switch
    {
        "seconds" => Features.Extractors.AgeUnit.Seconds,
        "year" => Features.Extractors.AgeUnit.Year,
        _ => null,
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
