using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Pipelines;

using static LuceneReco.Host.Pipelines.JsonSettings;

namespace LuceneReco.Host.Experiments;

/// <summary>Reads the configuration's <c>"experiments"</c> object for <see cref="ServingConfigParser"/>, reporting every problem.</summary>
internal static class ExperimentSettingsParser
{
    private const string Known = "control, candidate, method, traffic, attributionMinutes, clickKinds, conversionKinds, constraintStages, log";

    /// <summary>The experiments by name; problems go to <paramref name="errors"/>.</summary>
    public static Dictionary<string, ExperimentSettings> Parse(JsonElement e, List<string> errors)
    {
        var experiments = new Dictionary<string, ExperimentSettings>(StringComparer.Ordinal);
        if (e.ValueKind != JsonValueKind.Object) { errors.Add("experiments must be an object of named experiments"); return experiments; }
        foreach (var named in e.EnumerateObject())
            experiments[named.Name] = Experiment(named.Value, $"experiments.{named.Name}", errors);
        return experiments;
    }

    private static ExperimentSettings Experiment(JsonElement e, string where, List<string> errors)
    {
        var x = new ExperimentSettings();
        if (e.ValueKind != JsonValueKind.Object) { errors.Add($"{where} must be an object"); return x; }
        foreach (var p in e.EnumerateObject())
        {
            string at = $"{where}.{p.Name}";
            x = p.Name switch
            {
                "control" => x with { Control = String(p.Value, at, errors) ?? "" },
                "candidate" => x with { Candidate = String(p.Value, at, errors) ?? "" },
                "method" => x with { Method = String(p.Value, at, errors) ?? x.Method },
                "traffic" => x with { Traffic = Number(p.Value, at, errors) ?? x.Traffic },
                "attributionMinutes" => x with { AttributionMinutes = Int(p.Value, at, errors) ?? x.AttributionMinutes },
                "clickKinds" => x with { ClickKinds = Strings(p.Value, at, errors) ?? x.ClickKinds },
                "conversionKinds" => x with { ConversionKinds = Strings(p.Value, at, errors) ?? x.ConversionKinds },
                "constraintStages" => x with { ConstraintStages = p.Value.ValueKind == JsonValueKind.Null ? null : Strings(p.Value, at, errors) },
                "log" => x with { Log = FeatureLogOf(p.Value, at, errors, exploring: false) },
                _ => Unknown(x, $"{where}: unknown setting '{p.Name}' (known: {Known})", errors),
            };
        }
        return x;
    }
}
