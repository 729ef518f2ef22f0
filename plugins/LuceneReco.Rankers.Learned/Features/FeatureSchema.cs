using System.Globalization;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Features;

/// <summary>
/// The features of a served model in model order, bound to the names candidates carry: where each value comes from, how it
/// is normalised, how explanations call it, and the <c>Candidate.Features</c> key its contribution is written to.
/// </summary>
internal sealed class FeatureSchema
{
    /// <summary>The prefix of the contribution keys: <c>learned.contrib.&lt;feature&gt;</c>.</summary>
    public const string ContributionPrefix = "learned.contrib.";

    private readonly FeatureSpec[] _specs;
    private readonly string[] _names;
    private readonly string[] _contributionKeys;
    private readonly bool _normalises;

    private FeatureSchema(FeatureSpec[] specs)
    {
        _specs = specs;
        _names = Array.ConvertAll(specs, s => s.Name);
        _contributionKeys = Array.ConvertAll(specs, s => ContributionPrefix + s.Name);
        _normalises = Array.Exists(specs, s => s.Normaliser.Kind != NormaliserKind.None);
    }

    public int Count => _specs.Length;

    public FeatureSpec this[int feature] => _specs[feature];

    public IReadOnlyList<string> Names => _names;

    public IReadOnlyList<string> ContributionKeys => _contributionKeys;

    /// <summary>
    /// Binds <paramref name="model"/>'s features to <paramref name="declared"/> (from the options or a features file, named by
    /// <paramref name="declaredIn"/>), or to the names the model file gives when nothing is declared. Declared names must be as
    /// many as the model's features and, where the model names them, the same names in the same order.
    /// </summary>
    public static FeatureSchema For(ScoringModel model, IReadOnlyList<FeatureSpec>? declared, string? declaredIn)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (declared is null)
        {
            if (model.FeatureNames is not { } own)
                throw new ModelFormatException(model.Path, null, "names no features; list them in the options (features) or in a features file (featuresFile)");
            return new FeatureSchema([.. own.Select(n => new FeatureSpec(n))]);
        }
        if (declared.Count != model.FeatureCount)
            throw new ModelFormatException(model.Path, null, Invariant($"has {model.FeatureCount} features but {declaredIn} names {declared.Count}"));
        if (model.FeatureNames is { } names)
            for (int f = 0; f < names.Count; f++)
                if (names[f] != declared[f].Name)
                    throw new ModelFormatException(model.Path, Invariant($"feature {f}"), $"is \"{names[f]}\" in the model but \"{declared[f].Name}\" in {declaredIn}");
        return new FeatureSchema([.. declared]);
    }

    /// <summary>Writes row <paramref name="row"/> from a candidate's features: normalised when present, NaN (missing) when absent.</summary>
    public void Fill(FeatureMatrix rows, int row, IReadOnlyDictionary<string, double> features)
    {
        Span<double> x = rows.Row(row);
        for (int f = 0; f < _specs.Length; f++)
            x[f] = features.TryGetValue(_names[f], out double v) ? _specs[f].Normaliser.Apply(v) : double.NaN;
    }

    /// <summary>Normalises a row of raw values in place (NaN stays NaN).</summary>
    public void Normalise(Span<double> row)
    {
        if (!_normalises) return;
        for (int f = 0; f < _specs.Length; f++) row[f] = _specs[f].Normaliser.Apply(row[f]);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
