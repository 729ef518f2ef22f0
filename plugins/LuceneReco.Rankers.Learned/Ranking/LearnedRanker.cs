using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Ranking;

/// <summary>
/// The "learned" ranker plugin: rescores candidates with a learned model (XGBoost JSON, LightGBM text, or linear) read from
/// their features, reorders them, and says which features moved each returned item. The model file is reloaded when it changes.
/// </summary>
public sealed class LearnedRanker : RankerPlugin<LearnedOptions>, IPluginCommand, ITrainablePlugin
{
    /// <inheritdoc/>
    public override string Name => "learned";

    /// <inheritdoc/>
    public override string Description => "Learning to rank: scores candidates' features with an XGBoost, LightGBM, linear or ONNX model and explains the features that moved each item.";

    /// <summary>Creates a stage; bad options, or a model that does not load, throw <see cref="ArgumentException"/> naming the file.</summary>
    protected override IRankerStage CreateStage(LearnedOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate();
        string model = Path.GetFullPath(Path.Combine(services.DataDirectory, options.Model!));
        string? features = options.FeaturesFile is { } file ? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(model)!, file)) : null;
        IReadOnlyList<FeatureSpec>? named = options.Features is { } list ? Array.ConvertAll(LearnedOptions.FeatureNames(list), n => new FeatureSpec(n)) : null;
        try
        {
            var reloader = new ModelReloader(model, ModelFormats.Parse(options.Format)!.Value, features, named, services.Log, services.Clock);
            return new LearnedStage(Name, options, reloader);
        }
        catch (ModelFormatException e)
        {
            throw new ArgumentException($"Options of ranker '{Name}' are invalid: the model does not load: {e.Message}", nameof(options), e);
        }
    }

    /// <summary>The LambdaMART training settings (<c>lucenereco train --model learned --set NAME=VALUE</c>).</summary>
    public IReadOnlyList<TrainingSetting> TrainingSettings => Training.TrainerSettings.Known;

    /// <summary>
    /// Trains LambdaMART from the labelled lists <c>lucenereco features join</c> wrote (setting <c>lists</c>) into the model file the
    /// stage serves (setting <c>model-file</c>); without a lists file nothing is trained. See <see cref="Training.LambdaMartTrainer"/>.
    /// </summary>
    public TrainingOutcome Train(TrainingJob job, CancellationToken cancellation) => Training.LambdaMartTrainer.Train(job, cancellation);

    /// <summary>The command group this plugin adds: <c>lucenereco model score ...</c>.</summary>
    public string CommandName => "model";

    /// <inheritdoc/>
    public string CommandDescription => "Score a features TSV with a tree or linear model: 'model score --model FILE --format xgboost-json|lightgbm|linear|onnx --features FILE.tsv [--contributions] --out FILE.tsv'.";

    /// <summary>Runs <c>model score ...</c> (<see cref="Cli.ModelScoreCommand"/>); anything else is bad usage.</summary>
    public int RunCommand(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count > 0 && arguments[0] == "score") return Cli.ModelScoreCommand.Run([.. arguments.Skip(1)], output, error);
        error.WriteLine("'model' has one command, score (usage: lucenereco model score --model FILE --format xgboost-json|lightgbm|linear|onnx --features FILE.tsv [--contributions] --out FILE.tsv)");
        return 2;
    }
}
