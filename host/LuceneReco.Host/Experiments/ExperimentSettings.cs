using System.Globalization;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Experiments;

/// <summary>
/// One entry of the serving configuration's <c>"experiments"</c> (docs/experiments.md): for a share of the users the control
/// pipeline serves, the list is its ranking interleaved with the candidate pipeline's, its constraint stages applied last, and
/// the clicks and conversions that follow say which the users prefer. For example
/// <c>{"control": "recommend", "candidate": "recommend-ease", "method": "teamDraft", "traffic": 0.2}</c>.
/// </summary>
internal sealed record ExperimentSettings
{
    /// <summary>The rankers whose stages are constraints (diversity, fairness) and run on the interleaved list by default.</summary>
    public static readonly IReadOnlySet<string> ConstraintRankers = new HashSet<string>(StringComparer.Ordinal) { "mmr", "dpp", "diversity-caps", "calibration", "fair", "exposure" };

    /// <summary>The production pipeline (variant A), whose users take part. Required.</summary>
    public string Control { get; init; } = "";

    /// <summary>The pipeline tried against it (variant B). Required.</summary>
    public string Candidate { get; init; } = "";

    /// <summary>How the two rankings are merged: <c>teamDraft</c> or <c>balanced</c>. <value>The default is <c>teamDraft</c>.</value></summary>
    public string Method { get; init; } = "teamDraft";

    /// <summary>The share of the control's users (0 to 1) who get the interleaved list, chosen by a hash of experiment and user. <value>The default is 0: nobody (the experiment is paused).</value></summary>
    public double Traffic { get; init; }

    /// <summary>How long after an impression an event still counts for it, in minutes (1 to 43200). <value>The default is 30.</value></summary>
    public int AttributionMinutes { get; init; } = 30;

    /// <summary>The event kinds that count as clicks. <value>The default is <c>["click"]</c>.</value></summary>
    public IReadOnlyList<string> ClickKinds { get; init; } = ["click"];

    /// <summary>The event kinds that count as conversions. <value>The default is <c>["purchase"]</c>.</value></summary>
    public IReadOnlyList<string> ConversionKinds { get; init; } = ["purchase"];

    /// <summary>
    /// The control's stages that run on the interleaved list instead of on the control's own ranking: they must be its last
    /// stages, in order. <value>The default is <c>null</c>: the control's trailing stages whose ranker is a diversity or
    /// fairness ranker (<see cref="ConstraintRankers"/>).</value>
    /// </summary>
    public IReadOnlyList<string>? ConstraintStages { get; init; }

    /// <summary>
    /// Where impressions are logged when the control pipeline has no <c>featureLog</c> (when it has, its log holds them, once).
    /// <value>The default is <c>null</c>: the control's feature log, which then must exist.</value>
    /// </summary>
    public FeatureLogSettings? Log { get; init; }

    /// <summary>The method, once <see cref="Validate"/> accepted <see cref="Method"/>.</summary>
    public InterleavingMethod MethodKind => ParseMethod(Method) ?? InterleavingMethod.TeamDraft;

    /// <summary>The attribution window.</summary>
    public TimeSpan Window => TimeSpan.FromMinutes(AttributionMinutes);

    /// <summary>The method named <paramref name="name"/>, or null.</summary>
    public static InterleavingMethod? ParseMethod(string? name) => name switch
    {
        "teamDraft" => InterleavingMethod.TeamDraft,
        "balanced" => InterleavingMethod.Balanced,
        _ => null,
    };

    /// <summary>The name <see cref="Method"/> uses for <paramref name="method"/>.</summary>
    public static string MethodName(InterleavingMethod method) => method == InterleavingMethod.Balanced ? "balanced" : "teamDraft";

    /// <summary>The log impressions go to: the control's feature log, else <see cref="Log"/> (null only in an invalid configuration).</summary>
    public FeatureLogSettings? ImpressionLog(ServingConfig config) => config.Find(Control)?.FeatureLog ?? Log;

    /// <summary>How many of the control's last stages run on the interleaved list.</summary>
    public int ConstraintCount(PipelineDefinition control)
    {
        if (ConstraintStages is { } named) return Math.Min(named.Count, control.Stages.Count);
        int n = 0;
        for (int i = control.Stages.Count - 1; i >= 0 && ConstraintRankers.Contains(control.Stages[i].Ranker); i--) n++;
        return n;
    }

    /// <summary>Whether <paramref name="userId"/> is in the experiment's traffic share.</summary>
    public bool Includes(string experiment, string userId) => Traffic > 0 && ExperimentHash.UserBucket(experiment, userId) < Traffic;

    /// <summary>Adds every problem to <paramref name="errors"/>, each prefixed with <paramref name="where"/>; <paramref name="config"/> gives the pipelines.</summary>
    public void Validate(string where, ServingConfig config, List<string> errors)
    {
        var control = Pipe(Control, "control");
        Pipe(Candidate, "candidate");
        if (Control.Length > 0 && Control == Candidate) errors.Add($"{where}: control and candidate are both '{Control}'; an experiment compares two pipelines");
        if (ParseMethod(Method) is null) errors.Add($"{where}.method: unknown method '{Method}' (known: teamDraft, balanced)");
        if (!double.IsFinite(Traffic) || Traffic is < 0 or > 1) errors.Add(Invariant($"{where}.traffic must be 0 to 1, got {Traffic}"));
        if (AttributionMinutes is < 1 or > 43_200) errors.Add(Invariant($"{where}.attributionMinutes must be 1 to 43200 (30 days), got {AttributionMinutes}"));
        Kinds(ClickKinds, "clickKinds");
        Kinds(ConversionKinds, "conversionKinds");
        if (control is not null && ConstraintStages is { } named)
        {
            int first = control.Stages.Count - named.Count;
            for (int i = 0; i < named.Count; i++)
                if (first < 0 || control.Stages[first + i].StageName != named[i])
                {
                    var last = string.Join(", ", control.Stages.Select(s => s.StageName));
                    errors.Add($"{where}.constraintStages: [{string.Join(", ", named)}] must be the last stages of pipeline '{Control}', in order (its stages: {(last.Length == 0 ? "none" : last)})");
                    break;
                }
        }
        if (control is not null)
        {
            if (control.FeatureLog is not null && Log is not null)
                errors.Add($"{where}.log: pipeline '{Control}' has a featureLog, which holds the impressions (each list is logged once); remove \"log\"");
            else if (control.FeatureLog is null && Log is null)
                errors.Add($"{where}: impressions need a log: give pipeline '{Control}' a featureLog or the experiment a \"log\": {{\"path\": ...}}");
        }
        Log?.Validate($"{where}.log", errors);

        PipelineDefinition? Pipe(string name, string role)
        {
            if (string.IsNullOrWhiteSpace(name)) { errors.Add($"{where}.{role} must name a pipeline"); return null; }
            if (config.Find(name) is { } found) return found;
            errors.Add($"{where}.{role}: pipeline '{name}' is not defined (pipelines: {string.Join(", ", config.Pipelines.Keys)})");
            return null;
        }

        void Kinds(IReadOnlyList<string> kinds, string setting)
        {
            if (kinds.Count == 0) errors.Add($"{where}.{setting} must list at least one event kind");
            foreach (var k in kinds)
                if (string.IsNullOrWhiteSpace(k)) errors.Add($"{where}.{setting}: an event kind is blank");
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
