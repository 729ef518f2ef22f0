using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Offline;

/// <summary>What a <see cref="BatchRecommender"/> runs: which index, configuration and pipeline, how many items per user, and how it trains.</summary>
internal sealed record BatchOptions
{
    /// <summary>The index directory (its last commit is read). <value>There is no default.</value></summary>
    public required string IndexDirectory { get; init; }

    /// <summary>The pipelines. <value>The default is <see cref="RecoPipelines.BuiltIn"/>.</value></summary>
    public ServingConfig Config { get; init; } = RecoPipelines.BuiltIn;

    /// <summary>The pipeline to run. <value>The default is <c>null</c>: the configuration's default pipeline.</value></summary>
    public string? Pipeline { get; init; }

    /// <summary>Items per user. <value>The default is 100.</value></summary>
    public int K { get; init; } = 100;

    /// <summary>The models' parameters. <value>The default is <see cref="TrainingSettings"/>'s defaults.</value></summary>
    /// <summary>The plugins folder. <value>The default is <c>null</c>: the built-in plugins.</value></summary>
    public string? Plugins { get; init; }

    public TrainingSettings Training { get; init; } = new();

    /// <summary>Users run at once. <value>The default is the number of cores.</value></summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The clock for training stamps, stage budgets and progress. <value>The default is <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(IndexDirectory)) errors.Add("IndexDirectory must name a folder");
        if (K is < 1 or > PipelineRequest.MaxK) errors.Add($"K must be 1 to {PipelineRequest.MaxK}, got {K}");
        if (Parallelism < 1) errors.Add($"Parallelism must be >= 1, got {Parallelism}");
        if (Config.Find(Pipeline ?? Config.DefaultFor(RequestKind.Recommend, hasQuery: false)) is null) errors.Add($"unknown pipeline '{Pipeline ?? Config.DefaultFor(RequestKind.Recommend, hasQuery: false)}' (pipelines: {string.Join(", ", Config.Pipelines.Keys)})");
        errors.AddRange(Training.Validate());
        return errors;
    }
}
