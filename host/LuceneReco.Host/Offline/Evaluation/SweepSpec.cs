using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>
/// One option of one stage and the values to try, as <c>eval --sweep STAGE.OPTION=v1,v2,...</c> writes it: STAGE is a step's
/// name (its "name", or its ranker when it has none), OPTION a key of its "options" object. Values that read as JSON numbers,
/// <c>true</c>, <c>false</c> or <c>null</c> are given as such, anything else as a string.
/// </summary>
/// <param name="Stage">The stage's name in the pipeline.</param>
/// <param name="Option">The option's key.</param>
/// <param name="Values">The values as written, in order.</param>
internal sealed record SweepSpec(string Stage, string Option, IReadOnlyList<string> Values)
{
    /// <summary>The most values one sweep runs.</summary>
    public const int MaxValues = 50;

    /// <summary>Reads <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">Not <c>STAGE.OPTION=v1,v2,...</c>, an empty value, a value twice or too many values.</exception>
    public static SweepSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        string target = eq < 0 ? "" : text[..eq].Trim();
        int dot = target.LastIndexOf('.');
        if (eq < 0 || dot <= 0 || dot == target.Length - 1)
            throw new ArgumentException($"--sweep must be STAGE.OPTION=v1,v2,... (for example mmr.lambda=0.3,0.5,0.7), got '{text}'");
        string[] values = text[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries);
        if (Array.Exists(values, v => v.Length == 0)) throw new ArgumentException($"--sweep has an empty value in '{text}'");
        if (values.Length > MaxValues) throw new ArgumentException($"--sweep takes at most {MaxValues} values, got {values.Length}");
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (string v in values)
            if (!distinct.Add(v)) throw new ArgumentException($"--sweep lists the value '{v}' twice");
        return new SweepSpec(target[..dot], target[(dot + 1)..], values);
    }

    /// <summary>The name of the run with <paramref name="value"/> in reports, e.g. <c>mmr.lambda=0.5</c>.</summary>
    public string RunName(string value) => $"{Stage}.{Option}={value}";

    /// <summary>
    /// <paramref name="pipeline"/> with the stage's option set to <paramref name="value"/> (replacing the key in any letter case);
    /// everything else as it was.
    /// </summary>
    /// <exception cref="ArgumentException">The pipeline has no stage named <see cref="Stage"/>.</exception>
    public PipelineDefinition Apply(PipelineDefinition pipeline, string value)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        int index = -1;
        var names = new List<string>();
        for (int i = 0; i < pipeline.Stages.Count; i++)
        {
            names.Add(pipeline.Stages[i].StageName);
            if (pipeline.Stages[i].StageName == Stage) index = i;
        }
        if (index < 0)
            throw new ArgumentException($"--sweep: the pipeline has no stage '{Stage}' (its stages: {(names.Count == 0 ? "none" : string.Join(", ", names))})");
        StageStep step = pipeline.Stages[index];
        var options = step.Options is { ValueKind: JsonValueKind.Object } o ? (JsonObject)JsonNode.Parse(o.GetRawText())! : new JsonObject();
        foreach (string key in options.Select(p => p.Key).ToList())
            if (string.Equals(key, Option, StringComparison.OrdinalIgnoreCase)) options.Remove(key);
        options[Option] = ValueNode(value);
        using var document = JsonDocument.Parse(options.ToJsonString());
        var stages = new List<StageStep>(pipeline.Stages) { [index] = step with { Options = document.RootElement.Clone() } };
        return pipeline with { Stages = stages };
    }

    /// <summary>The value as a number, <c>true</c>/<c>false</c>, <c>null</c> or a string.</summary>
    private static JsonNode? ValueNode(string value)
    {
        if (value == "null") return null;
        if (value is "true" or "false") return JsonValue.Create(value == "true");
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole)) return JsonValue.Create(whole);
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number)) return JsonValue.Create(number);
        return JsonValue.Create(value);
    }
}
