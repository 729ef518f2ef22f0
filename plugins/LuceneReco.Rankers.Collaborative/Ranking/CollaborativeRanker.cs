using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Recall;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>
/// What the model-backed collaborative rankers (als, ease, itemknn, userknn) share: one model store per model folder for
/// their rerank stage and their recall source, the source options and their check, and training a new model version into
/// the plugin's <c>models</c> folder. A ranker names its model kind and loader and makes its own stage and source.
/// </summary>
/// <typeparam name="TModel">The model the stage and source read.</typeparam>
/// <typeparam name="TOptions">The stage's options.</typeparam>
public abstract class CollaborativeRanker<TModel, TOptions> : RankerPlugin<TOptions>, ICandidateSourcePlugin, ITrainablePlugin, IPluginHealth, IPluginState
    where TModel : class
    where TOptions : CollaborativeRankerOptions, new()
{
    private readonly StoreCache<TModel> _stores = new();
    private readonly string _kind;
    private readonly Func<string, (TModel Model, ModelMetadata Metadata)> _load;

    private protected CollaborativeRanker(string kind, Func<string, (TModel Model, ModelMetadata Metadata)> load, IReadOnlyList<TrainingSetting> settings)
    {
        _kind = kind;
        _load = load;
        TrainingSettings = settings;
    }

    /// <summary>The stage over <paramref name="store"/>, from options already validated.</summary>
    private protected abstract IRankerStage CreateStage(TOptions options, IRankerServices services, ModelStore<TModel> store);

    /// <summary>The recall source over <paramref name="store"/>, reading at most <paramref name="maxHistory"/> of the user's events.</summary>
    private protected abstract ICandidateSource CreateSource(ModelStore<TModel> store, int maxHistory);

    /// <summary>Creates a stage from bound options; every bad value is reported in one <see cref="ArgumentException"/>.</summary>
    protected sealed override IRankerStage CreateStage(TOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException($"Options of ranker '{Name}' are invalid: {string.Join("; ", errors)}", nameof(options));
        return CreateStage(options, services, _stores.For(options.ModelDirectory, options.PollSeconds, services, _kind, _load, options.ModelVersion));
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> CheckSourceOptions(JsonElement? options) =>
        OptionsBinder.Problems<CollaborativeSourceOptions>(options, Name, o => o.Validate());

    /// <summary>The recall source of a step naming this plugin; it reads the same model store as the plugin's stages.</summary>
    public ICandidateSource CreateSource(JsonElement? options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var bound = OptionsBinder.Bind<CollaborativeSourceOptions>(options, Name);
        if (bound.Validate() is { Count: > 0 } errors) throw new ArgumentException($"Options of source '{Name}' are invalid: {string.Join("; ", errors)}", nameof(options));
        return CreateSource(_stores.For(bound.ModelDirectory, bound.PollSeconds, services, _kind, _load, bound.ModelVersion), bound.MaxHistory);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrainingSetting> TrainingSettings { get; }

    /// <summary>A model folder in use whose newest file does not load (damaged, or written by a newer version).</summary>
    public IReadOnlyList<string> HealthProblems() => _stores.Problems(Name);

    /// <inheritdoc/>
    public long StateVersion => _stores.StateVersion();

    /// <summary>Trains a new model version into the plugin's <c>models</c> folder.</summary>
    public TrainingOutcome Train(TrainingJob job, CancellationToken cancellation) => PluginTraining.Train(job, _kind, cancellation);
}
