namespace LuceneReco.Host.Pipelines;

/// <summary>The serving configuration: named pipelines and the one used when a request names none.</summary>
internal sealed record ServingConfig
{
    /// <summary>The pipeline used when a request names none. <value>The default is <c>"default"</c>.</value></summary>
    public string DefaultPipeline { get; init; } = "default";

    /// <summary>The pipelines by name. <value>The default is empty (which <see cref="Validate"/> rejects).</value></summary>
    public IReadOnlyDictionary<string, PipelineDefinition> Pipelines { get; init; } = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal);

    /// <summary>
    /// The configuration used when none is given: one pipeline <c>default</c> recalling 200 keyword
    /// matches, 200 items like the user's recent items and 100 items like the given item, fused by RRF
    /// (k = 60), with no rerank stages.
    /// </summary>
    public static ServingConfig BuiltIn { get; } = new()
    {
        DefaultPipeline = "default",
        Pipelines = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal)
        {
            ["default"] = new PipelineDefinition
            {
                Recall =
                [
                    new RecallStep { Source = "search", Size = 200 },
                    new RecallStep { Source = "profile", Size = 200 },
                    new RecallStep { Source = "similar", Size = 100 },
                ],
                Fusion = "rrf",
                RrfK = 60,
            },
        },
    };

    /// <summary>The pipeline named <paramref name="name"/> (null: the default), or null when there is none.</summary>
    public PipelineDefinition? Find(string? name) => Pipelines.GetValueOrDefault(name ?? DefaultPipeline);

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (Pipelines.Count == 0) errors.Add("pipelines: no pipeline is defined");
        if (string.IsNullOrWhiteSpace(DefaultPipeline)) errors.Add("defaultPipeline is missing");
        else if (Pipelines.Count > 0 && !Pipelines.ContainsKey(DefaultPipeline))
            errors.Add($"defaultPipeline '{DefaultPipeline}' is not defined (pipelines: {string.Join(", ", Pipelines.Keys)})");
        foreach (var (name, pipeline) in Pipelines)
        {
            if (string.IsNullOrWhiteSpace(name)) errors.Add("pipelines: a pipeline name is blank");
            pipeline.Validate($"pipelines.{name}", errors);
        }
        return errors;
    }
}
