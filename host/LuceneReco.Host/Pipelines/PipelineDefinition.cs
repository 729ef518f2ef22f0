namespace LuceneReco.Host.Pipelines;

/// <summary>A named pipeline: recall sources fused into one candidate list, then rerank stages in order.</summary>
internal sealed record PipelineDefinition
{
    /// <summary>The recall sources. <value>The default is empty (which <see cref="Validate"/> rejects).</value></summary>
    public IReadOnlyList<RecallStep> Recall { get; init; } = [];

    /// <summary>
    /// Recall sources run only when <see cref="Recall"/> found nothing (a user with no history, a query nothing matches), so a
    /// list is never empty for want of personal data: for example the "popular" plugin's trending items.
    /// <value>The default is empty (no fallback).</value>
    /// </summary>
    public IReadOnlyList<RecallStep> Fallback { get; init; } = [];

    /// <summary>How recall lists are fused: <c>rrf</c> (reciprocal rank fusion) or <c>weighted</c> (weighted sum of min-max normalised scores). <value>The default is <c>rrf</c>.</value></summary>
    public string Fusion { get; init; } = "rrf";

    /// <summary>The k of reciprocal rank fusion, <c>weight / (k + rank)</c>. <value>The default is 60.</value></summary>
    public int RrfK { get; init; } = 60;

    /// <summary>The rerank stages, run in order. <value>The default is empty.</value></summary>
    public IReadOnlyList<StageStep> Stages { get; init; } = [];

    /// <summary>Reserved places for items the collaborative models do not know yet. <value>The default is <c>null</c>: none.</value></summary>
    public NewItemSlots? NewItems { get; init; }

    /// <summary>
    /// Reserved places in the <see cref="Fallback"/> list for items no model knows yet (no one has chosen them), taken from a
    /// fallback content source such as <c>newest</c>, so a newcomer's list shows what is new beside what is trending.
    /// <value>The default is <c>null</c>: none.</value>
    /// </summary>
    public NewItemSlots? FallbackNewItems { get; init; }

    /// <summary>Logs every list served (with features and positions) for training. <value>The default is <c>null</c>: no log.</value></summary>
    public FeatureLogSettings? FeatureLog { get; init; }

    /// <summary>
    /// Pipelines that score the same requests as this one after it has answered, off the request path, for comparison only:
    /// their lists are never served (docs/experiments.md, Shadow pipelines). <value>The default is none.</value>
    /// </summary>
    public IReadOnlyList<string> Shadow { get; init; } = [];

    /// <summary>The fusion method, once <see cref="Validate"/> accepted <see cref="Fusion"/>.</summary>
    public FusionMethod FusionMethod => FusionMath.Parse(Fusion) ?? FusionMethod.Rrf;

    /// <summary>Adds every problem of this pipeline to <paramref name="errors"/>, each prefixed with <paramref name="where"/>.</summary>
    public void Validate(string where, List<string> errors)
    {
        if (Recall.Count == 0) errors.Add($"{where}: recall lists no source");
        var sources = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Recall.Count; i++)
        {
            var step = Recall[i];
            step.Validate($"{where}.recall[{i}]", errors);
            if (!sources.Add(step.Source)) errors.Add($"{where}.recall[{i}]: source '{step.Source}' is listed twice");
        }
        var fallbackSources = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Fallback.Count; i++)
        {
            var step = Fallback[i];
            step.Validate($"{where}.fallback[{i}]", errors);
            if (!fallbackSources.Add(step.Source)) errors.Add($"{where}.fallback[{i}]: source '{step.Source}' is listed twice");
        }
        if (FusionMath.Parse(Fusion) is null) errors.Add($"{where}: unknown fusion '{Fusion}' (known: rrf, weighted)");
        if (RrfK is < 1 or > 100_000) errors.Add($"{where}: rrfK must be 1 to 100000, got {RrfK}");
        NewItems?.Validate($"{where}.newItems", Recall, errors);
        FallbackNewItems?.Validate($"{where}.fallbackNewItems", Fallback, errors);
        FeatureLog?.Validate($"{where}.featureLog", errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < Stages.Count; i++)
        {
            var stage = Stages[i];
            stage.Validate($"{where}.stages[{i}]", errors);
            if (!string.IsNullOrWhiteSpace(stage.Ranker) && !names.Add(stage.StageName))
                errors.Add($"{where}.stages[{i}]: stage name '{stage.StageName}' is used twice; give one a \"name\"");
            if (sources.Contains(stage.StageName) || fallbackSources.Contains(stage.StageName))
                errors.Add($"{where}.stages[{i}]: stage name '{stage.StageName}' is also a recall source; give it a \"name\"");
        }
    }
}
