using System.Globalization;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Ranking;

/// <summary>
/// The "options" of a pipeline step using the "learned" ranker, e.g.
/// <c>{"model": "ltr/model.json", "format": "xgboost-json", "featuresFile": "features.json", "weight": null}</c>.
/// </summary>
public sealed class LearnedOptions
{
    /// <summary>The model file, relative to the plugin's data directory or absolute. Required.</summary>
    /// <value>The default is <c>null</c> (no model: the stage cannot be created).</value>
    public string? Model { get; set; }

    /// <summary>The model's format: <c>xgboost-json</c>, <c>lightgbm</c> (text model), <c>linear</c> or <c>onnx</c> (its features named by <see cref="Features"/> or <see cref="FeaturesFile"/>).</summary>
    /// <value>The default is "xgboost-json".</value>
    public string Format { get; set; } = "xgboost-json";

    /// <summary>
    /// Which version of a versioned model (<c>train</c> writes <c>model-v{N}</c> beside <see cref="Model"/>) the stage serves:
    /// an alias of the folder's <c>aliases.json</c> (<c>production</c>, <c>canary</c>) or a version (<c>3</c>, <c>v3</c>).
    /// Unset, <c>production</c> is the newest version; a model without versions is served as it is.
    /// </summary>
    /// <value>The default is "production".</value>
    public string ModelVersion { get; set; } = Plugins.ModelAliases.Production;

    /// <summary>The feature names in model order, comma-separated (the keys read from <c>Candidate.Features</c>).</summary>
    /// <value>The default is <c>null</c>: the names come from <see cref="FeaturesFile"/> or, failing that, from the model file.</value>
    public string? Features { get; set; }

    /// <summary>
    /// A features file (names in model order, display phrases, normalisers; see the README), relative to the model's folder
    /// or absolute. Reloaded with the model when it changes.
    /// </summary>
    /// <value>The default is <c>null</c> (none).</value>
    public string? FeaturesFile { get; set; }

    /// <summary>
    /// The model's share w when blending: <c>final = (1 - w) * minmax(incoming) + w * minmax(margin)</c> over the candidates.
    /// </summary>
    /// <value>The default is <c>null</c>: the model's margin replaces the score.</value>
    public double? Weight { get; set; }

    /// <summary>At most how many features an explanation names; 0 writes no explanation and computes no contributions.</summary>
    /// <value>The default is 3. 0 to 20.</value>
    public int ExplainTop { get; set; } = 3;

    /// <summary>When the request asks for explanations, explain every candidate, not only the first <c>K</c> returned.</summary>
    /// <value>The default is <c>false</c>.</value>
    public bool ExplainAll { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option at once.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Model)) problems.Add("model must name the model file");
        if (ModelFormats.Parse(Format) is null) problems.Add($"format must be one of {ModelFormats.Names}, got \"{Format}\"");
        if (ModelVersion is null || (Plugins.ModelAliases.ParseVersion(ModelVersion) is null && !Plugins.ModelAliases.IsAliasName(ModelVersion)))
            problems.Add($"modelVersion must be an alias (production, canary) or a version (3 or v3), got \"{ModelVersion}\"");
        if (Features is not null && FeatureNames(Features) is var names)
        {
            if (names.Length == 0) problems.Add("features, when given, must name at least one feature");
            if (names.Distinct(StringComparer.Ordinal).Count() != names.Length) problems.Add("features must not name a feature twice");
        }
        if (Features is not null && FeaturesFile is not null) problems.Add("give features or featuresFile, not both");
        if (FeaturesFile is { } file && string.IsNullOrWhiteSpace(file)) problems.Add("featuresFile, when given, must name a file");
        if (Weight is double w && (!double.IsFinite(w) || w is < 0 or > 1)) problems.Add(Invariant($"weight must be 0 to 1 (or null to replace the score), got {w}"));
        if (ExplainTop is < 0 or > 20) problems.Add(Invariant($"explainTop must be 0 to 20, got {ExplainTop}"));
        if (problems.Count > 0) throw new ArgumentException($"Options of ranker 'learned' are invalid: {string.Join("; ", problems)}");
    }

    /// <summary>The comma-separated names of <see cref="Features"/>, trimmed, empty entries dropped.</summary>
    internal static string[] FeatureNames(string features) => features.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
