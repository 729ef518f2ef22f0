using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Web;

/// <summary>
/// The per-request trade-offs of the built-in diversity and fairness stages, read from a step's options with the plugins'
/// documented defaults (plugins/LuceneReco.Rankers.Diversity/README.md, plugins/LuceneReco.Rankers.Fairness/README.md):
/// <c>mmr</c>'s <c>{name}.lambda</c> (minLambda..maxLambda, default 0..1), <c>dpp</c>'s <c>{name}.theta</c> (minTheta..maxTheta,
/// default 0..0.99), <c>fair</c>'s <c>fair.p</c> (only with one protected group and both minP and maxP set) and
/// <c>calibration</c>'s <c>calibration.lambda</c> (only with both minLambda and maxLambda set). A stage whose bounds are equal
/// forbids overrides and gets no slider. Other rankers get none: the page cannot know what their options mean.
/// </summary>
internal static class StageSliders
{
    /// <summary>The sliders of <paramref name="step"/> (none for most stages).</summary>
    public static IReadOnlyList<StageSlider> For(StageStep step)
    {
        var options = step.Options is { ValueKind: JsonValueKind.Object } o ? o : default;
        StageSlider? slider = step.Ranker switch
        {
            "mmr" => Range(step, options, (Text(options, "name") ?? step.StageName) + ".lambda", "diversity",
                "diversity (MMR: less weight on relevance)", "lambda", 0.7, "minLambda", 0, "maxLambda", 1, inverted: true),
            "dpp" => Range(step, options, (Text(options, "name") ?? step.StageName) + ".theta", "diversity",
                "diversity (DPP: less weight on relevance)", "theta", 0.7, "minTheta", 0, "maxTheta", 0.99, inverted: true),
            "fair" when Text(options, "groups") is null => Range(step, options, "fair.p", "fairness",
                "fairness (share of the protected group)", "p", 0.5, "minP", null, "maxP", null, inverted: false),
            "calibration" => Range(step, options, "calibration.lambda", "calibration",
                "calibration (match the history's mix of categories)", "lambda", 0.5, "minLambda", null, "maxLambda", null, inverted: false),
            _ => null,
        };
        return slider is null ? [] : [slider];
    }

    private static StageSlider? Range(StageStep step, JsonElement options, string key, string kind, string label,
        string valueName, double valueDefault, string minName, double? minDefault, string maxName, double? maxDefault, bool inverted)
    {
        double value = Number(options, valueName) ?? valueDefault;
        double? min = Number(options, minName) ?? minDefault, max = Number(options, maxName) ?? maxDefault;
        if (min is not { } lo || max is not { } hi || !(hi > lo)) return null; // not overridable by a request
        return new StageSlider(step.StageName, key, kind, label, lo, hi, Math.Clamp(value, lo, hi), inverted);
    }

    /// <summary>A number option, by its name in any case (the plugins bind options case-insensitively), or null.</summary>
    private static double? Number(JsonElement options, string name)
    {
        if (Find(options, name) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d)) return d;
        return v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) ? d : null;
    }

    private static string? Text(JsonElement options, string name) =>
        Find(options, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static JsonElement? Find(JsonElement options, string name)
    {
        if (options.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in options.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind != JsonValueKind.Null) return p.Value;
        return null;
    }
}
