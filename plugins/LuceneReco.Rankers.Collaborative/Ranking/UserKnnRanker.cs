using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.UserKnn;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Recall;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "userknn" ranker plugin: user-based neighbourhood collaborative filtering (cosine or Pearson), as a recall source, a rerank stage and training.</summary>
public sealed class UserKnnRanker : RankerPlugin<UserKnnRankerOptions>, ICandidateSourcePlugin, ITrainablePlugin
{
    private readonly StoreCache<UserKnnModel> _stores = new();

    /// <inheritdoc/>
    public override string Name => "userknn";

    /// <inheritdoc/>
    public override string Description => "User-based kNN: items chosen by the most similar users (cosine or Pearson), for small and medium catalogues.";

    /// <summary>Creates a stage from bound options; every bad value is reported in one <see cref="ArgumentException"/>.</summary>
    protected override IRankerStage CreateStage(UserKnnRankerOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException($"Options of ranker '{Name}' are invalid: {string.Join("; ", errors)}", nameof(options));
        return new UserKnnStage(Name, options, services, _stores.For(options.ModelDirectory, options.PollSeconds, services, UserKnnModel.Kind, ModelFiles.LoadUserKnn));
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
        return new UserKnnSource(_stores.For(bound.ModelDirectory, bound.PollSeconds, services, UserKnnModel.Kind, ModelFiles.LoadUserKnn), bound.MaxHistory);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrainingSetting> TrainingSettings => TrainingSettingsReader.UserKnn;

    /// <summary>Trains a new userknn model version into the plugin's <c>models</c> folder.</summary>
    public TrainingOutcome Train(TrainingJob job, CancellationToken cancellation) => PluginTraining.Train(job, UserKnnModel.Kind, cancellation);
}
