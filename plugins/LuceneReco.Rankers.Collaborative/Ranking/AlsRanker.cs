using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Recall;
using LuceneReco.Rankers.Collaborative.Training;
using LuceneReco.Rankers.Collaborative.Common;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "als" ranker plugin: rescores candidates by implicit-feedback matrix factorisation (Hu, Koren &amp; Volinsky 2008), folding in users unseen at training.</summary>
public sealed class AlsRanker : RankerPlugin<AlsRankerOptions>, ICandidateSourcePlugin, ITrainablePlugin
{
    private readonly StoreCache<ImplicitAlsModel> _stores = new();

    /// <inheritdoc/>
    public override string Name => "als";

    /// <inheritdoc/>
    public override string Description => "Implicit ALS matrix factorisation: blends in dot(user, item) with the user folded in from their history.";

    /// <summary>Creates a stage from bound options; every bad value is reported in one <see cref="ArgumentException"/>.</summary>
    protected override IRankerStage CreateStage(AlsRankerOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException($"Options of ranker '{Name}' are invalid: {string.Join("; ", errors)}", nameof(options));
        return new AlsStage(Name, options, services, _stores.For(options.ModelDirectory, options.PollSeconds, services, ImplicitAlsModel.Kind, ModelFiles.LoadAls));
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
        return new AlsSource(_stores.For(bound.ModelDirectory, bound.PollSeconds, services, ImplicitAlsModel.Kind, ModelFiles.LoadAls), bound.MaxHistory);
    }

    /// <inheritdoc/>
    public IReadOnlyList<TrainingSetting> TrainingSettings => TrainingSettingsReader.Als;

    /// <summary>Trains a new als model version into the plugin's <c>models</c> folder.</summary>
    public TrainingOutcome Train(TrainingJob job, CancellationToken cancellation) => PluginTraining.Train(job, ImplicitAlsModel.Kind, cancellation);
}
