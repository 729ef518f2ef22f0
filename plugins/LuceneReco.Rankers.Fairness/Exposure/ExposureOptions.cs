using LuceneReco.Rankers.Fairness.Common;

namespace LuceneReco.Rankers.Fairness.Exposure;

/// <summary>The "options" of a pipeline step using "exposure", e.g. <c>{ "field": "provider", "target": "Relevance" }</c>.</summary>
public sealed class ExposureOptions
{
    /// <summary>The keyword field naming an item's group (its first value); items without it are neither counted nor boosted.</summary>
    /// <value>The default is "provider".</value>
    public string Field { get; set; } = "provider";

    /// <summary>What each group is owed.</summary>
    /// <value>The default is <see cref="ExposureTarget.Equal"/>.</value>
    public ExposureTarget Target { get; set; } = ExposureTarget.Equal;

    /// <summary>How many top positions receive exposure <c>1 / log2(1 + rank)</c>; <c>null</c> uses the request's k.</summary>
    /// <value>The default is <c>null</c>.</value>
    public int? Depth { get; set; }

    /// <summary>Boost per unit of relative deficit, in units of the request's score range.</summary>
    /// <value>The default is 1.</value>
    public double Gain { get; set; } = 1;

    /// <summary>The largest boost, in units of the request's score range (max - min of the incoming scores).</summary>
    /// <value>The default is 0.5.</value>
    public double MaxBoost { get; set; } = 0.5;

    /// <summary>
    /// The name of the state file in the plugin's data folder (<c>exposure/NAME.json</c>); <c>null</c> names it after the pipeline
    /// step (<c>PIPELINE.STEP</c>, so each exposure step of each pipeline keeps its own state), or "exposure" outside a pipeline.
    /// </summary>
    /// <value>The default is <c>null</c>.</value>
    public string? StateName { get; set; }

    /// <summary>Save the state when this many seconds passed since the last save (checked on each request); <c>null</c> never by time.</summary>
    /// <value>The default is 30.</value>
    public double? SaveEverySeconds { get; set; } = 30;

    /// <summary>Save the state after this many recorded requests since the last save; <c>null</c> never by count.</summary>
    /// <value>The default is 1000.</value>
    public int? SaveEveryRequests { get; set; } = 1000;

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Field)) problems.Add("field must be a field name");
        if (!Enum.IsDefined(Target)) problems.Add($"target must be Equal or Relevance, got {Target}");
        if (Depth is int d && d < 1) problems.Add(Text.F($"depth must be at least 1, got {d}"));
        if (!double.IsFinite(Gain) || Gain < 0) problems.Add(Text.F($"gain must be a finite number >= 0, got {Gain}"));
        if (!double.IsFinite(MaxBoost) || MaxBoost < 0 || MaxBoost > 10) problems.Add(Text.F($"maxBoost must be 0 to 10, got {MaxBoost}"));
        if (StateName is not null && (string.IsNullOrWhiteSpace(StateName) || StateName.IndexOfAny(['/', '\\', ':']) >= 0 || StateName.StartsWith('.')))
            problems.Add($"stateName must be a plain file name, got '{StateName}'");
        if (SaveEverySeconds is double s && (!double.IsFinite(s) || s < 0)) problems.Add(Text.F($"saveEverySeconds must be >= 0, got {s}"));
        if (SaveEveryRequests is int r && r < 1) problems.Add(Text.F($"saveEveryRequests must be at least 1, got {r}"));
        if (problems.Count > 0) throw new ArgumentException("exposure: " + string.Join("; ", problems));
    }
}
