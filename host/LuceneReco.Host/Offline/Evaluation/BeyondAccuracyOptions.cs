namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>Which item and user attributes the beyond-accuracy metrics (<see cref="BeyondAccuracy"/>) read.</summary>
public sealed class BeyondAccuracyOptions
{
    /// <summary>The name of <see cref="GroupField"/> that groups items into the popular head and the long tail.</summary>
    public const string Popularity = "popularity";

    /// <summary>The depth of every metric here. <value>The default is 10.</value></summary>
    public int Depth { get; set; } = 10;

    /// <summary>The keyword field of categories: ILD by category overlap, alpha-nDCG's subtopics, calibration. <value>The default is "category".</value></summary>
    public string CategoryField { get; set; } = "category";

    /// <summary>The keyword field naming an item's provider (its first value) for the provider exposure Gini. <value>The default is "provider".</value></summary>
    public string ProviderField { get; set; } = "provider";

    /// <summary>
    /// The keyword field of the item groups whose exposure is compared (its first value; items without one form the group
    /// "(none)"), or <see cref="Popularity"/>: the head (the <see cref="HeadShare"/> of training items most users touched) against the tail.
    /// <value>The default is <see cref="Popularity"/>.</value>
    /// </summary>
    public string GroupField { get; set; } = Popularity;

    /// <summary>The share of items in the popular head. <value>The default is 0.2.</value></summary>
    public double HeadShare { get; set; } = 0.2;

    /// <summary>The text fields of the TF-IDF vectors of the text ILD. <value>The default is title and body.</value></summary>
    public IReadOnlyList<string> TextFields { get; set; } = ["title", "body"];

    /// <summary>alpha-nDCG's redundancy penalty. <value>The default is 0.5.</value></summary>
    public double Alpha { get; set; } = 0.5;

    /// <summary>The smoothing of the calibration KL (Steck's alpha). <value>The default is 0.01.</value></summary>
    public double CalibrationAlpha { get; set; } = 0.01;

    /// <summary>Each user's group for the user-group gap; <c>null</c> splits users into light and heavy by history length. <value>The default is <c>null</c>.</value></summary>
    public IReadOnlyDictionary<string, string>? UserGroups { get; set; }

    /// <summary>Every problem with these options, or an empty list.</summary>
    public List<string> Validate()
    {
        var problems = new List<string>();
        if (Depth < 1) problems.Add($"depth must be at least 1, got {Depth}");
        if (string.IsNullOrWhiteSpace(CategoryField)) problems.Add("the category field must be a field name");
        if (string.IsNullOrWhiteSpace(ProviderField)) problems.Add("the provider field must be a field name");
        if (string.IsNullOrWhiteSpace(GroupField)) problems.Add("the group field must be a field name or 'popularity'");
        if (!(HeadShare is > 0 and < 1)) problems.Add(FormattableString.Invariant($"the head share must be between 0 and 1, got {HeadShare}"));
        if (!(Alpha is >= 0 and <= 1)) problems.Add(FormattableString.Invariant($"alpha must be 0 to 1, got {Alpha}"));
        if (!(CalibrationAlpha is > 0 and <= 1)) problems.Add(FormattableString.Invariant($"the calibration alpha must be above 0 and at most 1, got {CalibrationAlpha}"));
        return problems;
    }
}
