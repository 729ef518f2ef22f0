using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Recall;
using LuceneReco.Rankers.Collaborative.Training;
using LuceneReco.Rankers.Collaborative.Common;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "itemknn" ranker plugin: rescores candidates by item-item similarity to the user's history (Sarwar et al. 2001).</summary>
public sealed class ItemKnnRanker : RankerPlugin<ItemKnnRankerOptions>, ICandidateSourcePlugin, ITrainablePlugin
{
    private readonly StoreCache<ItemKnnModel> _stores = new();

    /// <inheritdoc/>
    public override string Name => "itemknn";

    /// <inheritdoc/>
    public override string Description => "Item-based collaborative filtering: blends in similarity to the items the user liked (shrunk cosine, top-N neighbours).";

    /// <summary>Creates a stage from bound options; every bad value is reported in one <see cref="ArgumentException"/>.</summary>
    protected override IRankerStage CreateStage(ItemKnnRankerOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException($"Options of ranker '{Name}' are invalid: {string.Join("; ", errors)}", nameof(options));
        return new ItemKnnStage(Name, options, services, _stores.For(options.ModelDirectory, options.PollSeconds, services, ItemKnnModel.Kind, ModelFiles.LoadItemKnn));
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
        return new ItemKnnSource(_stores.For(bound.ModelDirectory, bound.PollSeconds, services, ItemKnnModel.Kind, ModelFiles.LoadItemKnn), bound.MaxHistory);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrainingSetting> TrainingSettings => TrainingSettingsReader.ItemKnn;

    /// <summary>Trains a new itemknn model version into the plugin's <c>models</c> folder.</summary>
    public TrainingOutcome Train(TrainingJob job, CancellationToken cancellation) => PluginTraining.Train(job, ItemKnnModel.Kind, cancellation);
}
