using LuceneReco.Index.Backends;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>The outcome of a pipeline run: the top k candidates (best first) and what did not run.</summary>
/// <param name="Pipeline">The pipeline that ran.</param>
/// <param name="View">The point-in-time view the request saw (for the items' stored fields); the caller of the run holds it until the response is written.</param>
/// <param name="Items">The top k candidates with their final scores, stage scores and explanations.</param>
/// <param name="SkippedStages">Stages and recall sources that were skipped, and why.</param>
/// <param name="Stages">How long each stage that ran took.</param>
/// <param name="Took">The whole run's duration.</param>
internal sealed record PipelineResult(
    string Pipeline,
    IRecallView View,
    IReadOnlyList<Candidate> Items,
    IReadOnlyList<SkippedStage> SkippedStages,
    IReadOnlyList<StageTiming> Stages,
    TimeSpan Took)
{
    /// <summary>How many candidates fusion handed to the first stage (before any stage ran and before the cut to k).</summary>
    public int Recalled { get; init; }

    /// <summary>The time from the request's start to the fused candidate list: parsing, the user's history, every recall source and fusion.</summary>
    public TimeSpan RecallTook { get; init; }

    /// <summary>How long each recall source took (its name, milliseconds, and "ok", "failed" or "skipped"), in the order they ran.</summary>
    public IReadOnlyList<StageTiming> Sources { get; init; } = [];

    /// <summary>Whether this is a result remembered for the user (<see cref="UserCache"/>) rather than one just computed (then no source or stage ran).</summary>
    public bool FromCache { get; init; }

    /// <summary>The id the pipeline's feature log recorded this list under, or null when it has no log (or the run was offline).</summary>
    public string? RequestId { get; init; }

    /// <summary>The plugins that served this request (candidate sources and stages), by name, with the version each ran; one version per plugin in a response.</summary>
    public IReadOnlyDictionary<string, Version> Plugins { get; init; } = new Dictionary<string, Version>();

    /// <summary>
    /// The model versions the request's plugin steps scored with (one per model and alias, pinned for the whole request; see
    /// <see cref="LuceneReco.Plugins.RequestModels"/>), ordered by model. <value>The default is none.</value>
    /// </summary>
    public IReadOnlyList<ServedModel> Models { get; init; } = [];

    /// <summary>The experiment this list was interleaved for, with each item's variant, or null when the list is the pipeline's own.</summary>
    public Experiments.ExperimentServed? Experiment { get; init; }
}

/// <summary>A model version a request was served with.</summary>
/// <param name="Model">The model as <c>GET /admin/models</c> and <c>lucenereco models list</c> name it (its folder under the data folder, then its kind), e.g. <c>collaborative/models/itemknn</c>.</param>
/// <param name="Reference">What the pipeline step names: an alias (<c>production</c>, <c>canary</c>) or a version.</param>
/// <param name="Version">The version that scored.</param>
internal sealed record ServedModel(string Model, string Reference, int Version);

/// <summary>A stage (or recall source) left out of a request, and why.</summary>
internal sealed record SkippedStage(string Stage, string Reason);

/// <summary>How long a stage took and how it ended ("ok", "threw", "overran", "overallocated", "invalid").</summary>
internal sealed record StageTiming(string Stage, double Milliseconds, string Outcome);
