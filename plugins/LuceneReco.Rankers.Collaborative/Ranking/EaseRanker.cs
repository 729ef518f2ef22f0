using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Ease;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Recall;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "ease" ranker plugin: the closed-form item-item model of Steck 2019, as a recall source, a rerank stage and training.</summary>
public sealed class EaseRanker : RankerPlugin<EaseRankerOptions>, ICandidateSourcePlugin, ITrainablePlugin
{
    private readonly StoreCache<EaseModel> _stores = new();

    /// <inheritdoc/>
    public override string Name => "ease";

    /// <inheritdoc/>
    public override string Description => "EASE (Steck 2019): a dense item-item model in closed form, for catalogues up to 20,000 items.";

    /// <summary>Creates a stage from bound options; every bad value is reported in one <see cref="ArgumentException"/>.</summary>
    protected override IRankerStage CreateStage(EaseRankerOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException($"Options of ranker '{Name}' are invalid: {string.Join("; ", errors)}", nameof(options));
        return new EaseStage(Name, options, services, _stores.For(options.ModelDirectory, options.PollSeconds, services, EaseModel.Kind, ModelFiles.LoadEase));
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
        return new EaseSource(_stores.For(bound.ModelDirectory, bound.PollSeconds, services, EaseModel.Kind, ModelFiles.LoadEase), bound.MaxHistory);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrainingSetting> TrainingSettings => TrainingSettingsReader.Ease;

    /// <summary>Trains a new ease model version into the plugin's <c>models</c> folder.</summary>
    public TrainingOutcome Train(TrainingJob job, CancellationToken cancellation) => PluginTraining.Train(job, EaseModel.Kind, cancellation);
}
