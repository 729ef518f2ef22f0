using System.Globalization;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Offline;

namespace LuceneReco.Host.Offline;

/// <summary>Inputs of <c>bench recommend</c> (<see cref="RecommendBench"/>).</summary>
internal sealed record RecommendBenchOptions
{
    /// <summary>The largest <see cref="Users"/>.</summary>
    public const int MaxUsers = 1_000_000;

    /// <summary>The index directory (its last commit is read). <value>There is no default.</value></summary>
    public required string IndexDirectory { get; init; }

    /// <summary>The interactions TSV: the models' training input and every user's history. <value>There is no default.</value></summary>
    public required string Interactions { get; init; }

    /// <summary>A folder of trained models to use instead of training. <value>The default is <c>null</c>: train what the pipeline needs.</value></summary>
    public string? Models { get; init; }

    /// <summary>Where <c>summary.json</c> is written. <value>The default is <c>null</c>: no file, only the report on stdout.</value></summary>
    public string? Out { get; init; }

    /// <summary>The pipelines. <value>The default is <see cref="RecoPipelines.BuiltIn"/>.</value></summary>
    public ServingConfig Config { get; init; } = RecoPipelines.BuiltIn;

    /// <summary>The pipeline to time. <value>The default is <c>null</c>: the configuration's default pipeline.</value></summary>
    public string? Pipeline { get; init; }

    /// <summary>
    /// The mean number of fused candidates the rerank stages should get: the recall sizes are scaled, keeping their
    /// proportions, until the calibration users' mean reaches it. <value>The default is 1,000.</value>
    /// </summary>
    public int Recall { get; init; } = 1000;

    /// <summary>How many users are sampled (without replacement) from the interactions and timed, one request each. <value>The default is 1,000.</value></summary>
    public int Users { get; init; } = 1000;

    /// <summary>The seed of the user sample. <value>The default is 7.</value></summary>
    public int Seed { get; init; } = 7;

    /// <summary>Items each request asks for. <value>The default is 10.</value></summary>
    public int K { get; init; } = 10;

    /// <summary>How many of the sampled users calibrate the recall sizes. <value>The default is 100.</value></summary>
    public int CalibrationUsers { get; init; } = 100;

    /// <summary>Untimed requests after calibration (cycling through the sample), so the timed ones run compiled code. <value>The default is 200.</value></summary>
    public int Warmup { get; init; } = 200;

    /// <summary>
    /// Users the runner remembers between requests (<see cref="UserCache"/>); the timed pass starts with it empty (cold),
    /// a second pass over the same users is timed warm. <value>The default is <see cref="UserCache.DefaultCapacity"/>; 0 turns it off.</value>
    /// </summary>
    public int UserCache { get; init; } = Pipelines.UserCache.DefaultCapacity;

    /// <summary>The models' parameters when they are trained. <value>The default is <see cref="TrainingSettings"/>'s defaults.</value></summary>
    /// <summary>The plugins folder. <value>The default is <c>null</c>: the built-in plugins.</value></summary>
    public string? Plugins { get; init; }

    public TrainingSettings Training { get; init; } = new();

    /// <summary>The clock for training stamps and stage budgets (the timings themselves use <see cref="System.Diagnostics.Stopwatch"/>). <value>The default is <see cref="TimeProvider.System"/>.</value></summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Reports every problem at once, phrased with the CLI's option names; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(IndexDirectory)) errors.Add("--index must name a folder");
        if (string.IsNullOrWhiteSpace(Interactions)) errors.Add("--interactions must name a file");
        if (Config.Find(Pipeline ?? Config.DefaultFor(RequestKind.Recommend, hasQuery: false)) is null) errors.Add($"unknown pipeline '{Pipeline ?? Config.DefaultFor(RequestKind.Recommend, hasQuery: false)}' (pipelines: {string.Join(", ", Config.Pipelines.Keys)})");
        if (Recall is < 1 or > RecallStep.MaxSize) errors.Add(Invariant($"--recall must be 1 to {RecallStep.MaxSize}, got {Recall}"));
        if (Users is < 1 or > MaxUsers) errors.Add(Invariant($"--users must be 1 to {MaxUsers}, got {Users}"));
        if (K is < 1 or > PipelineRequest.MaxK) errors.Add(Invariant($"--k must be 1 to {PipelineRequest.MaxK}, got {K}"));
        if (CalibrationUsers < 1) errors.Add(Invariant($"--calibration-users must be >= 1, got {CalibrationUsers}"));
        if (UserCache is < 0 or > Pipelines.UserCache.MaxCapacity) errors.Add(Invariant($"--user-cache must be 0 to {Pipelines.UserCache.MaxCapacity}, got {UserCache}"));
        if (Warmup < 0) errors.Add(Invariant($"--warmup must be >= 0, got {Warmup}"));
        if (Models is null) errors.AddRange(Training.Validate());
        return errors;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
