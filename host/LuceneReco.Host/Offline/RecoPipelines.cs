using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Offline;

/// <summary>
/// The pipeline of <c>recommend-batch</c>, <c>eval</c> and <c>bench recommend</c> when no <c>--config</c> is given: the built-in
/// <see cref="ServingConfig.Recommend"/> pipeline, named <see cref="Name"/>, alone.
/// </summary>
internal static class RecoPipelines
{
    /// <summary>The built-in recommendation pipeline's name.</summary>
    public const string Name = ServingConfig.RecommendName;

    /// <summary>The configuration holding only the built-in recommendation pipeline.</summary>
    public static ServingConfig BuiltIn { get; } = new()
    {
        DefaultPipeline = Name,
        Pipelines = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal) { [Name] = ServingConfig.Recommend },
    };
}
