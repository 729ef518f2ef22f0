using System.Collections.Concurrent;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Ranking;

/// <summary>
/// The "learned" ranker plugin: rescores candidates with a learned model (XGBoost JSON, LightGBM text, or linear) read from
/// their features, reorders them, and says which features moved each returned item. The model file is reloaded when it changes.
/// </summary>
public sealed class LearnedRanker : RankerPlugin<LearnedOptions>, IPluginCommand, ITrainablePlugin, IPluginHealth, IPluginState
{
    /// <summary>How long a model that failed to load at stage creation is reported without a request trying it again.</summary>
    internal static readonly TimeSpan UnloadableReportedFor = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, ModelReloader> _served = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Unloadable> _unloadable = new(StringComparer.Ordinal);
    private long _created;

    /// <summary>A model file that did not load when a stage was created (so no version of it serves), as of <paramref name="Stamp"/>.</summary>
    private sealed record Unloadable(string? FeaturesPath, (FileStamp, (DateTime, long, DateTime)) Stamp, string Message, DateTimeOffset Tried, TimeProvider Clock, Func<ModelReloader> Retry);

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
        ModelFormat format = ModelFormats.Parse(options.Format)!.Value;
        ModelReloader Create() => new(model, format, features, named, options.ModelVersion, services.Log, services.Clock);
        try
        {
            var reloader = Create();
            _served[model] = reloader;
            Interlocked.Increment(ref _created);
            _unloadable.TryRemove(model, out _);
            return new LearnedStage(Name, options, reloader);
        }
        catch (ModelFormatException e)
        {
            _served.TryRemove(model, out _);
            _unloadable[model] = new Unloadable(features, (FileStamp.Of(model, features), Models.ModelVersions.FolderStamp(model)), e.Message, services.Clock.GetUtcNow(), services.Clock, Create);
            throw new ArgumentException($"Options of ranker '{Name}' are invalid: the model does not load: {e.Message}", nameof(options), e);
        }
    }

    /// <summary>
    /// What is wrong with the models the stages serve from: a model that did not load when its stage was created (no
    /// version serves, so the stage is skipped; retried here once its file changes, and forgotten after
    /// <see cref="UnloadableReportedFor"/> without a request naming it), and a newer version that does not load while
    /// the previous one keeps serving. Costs a file-status call per model unless a file changed.
    /// </summary>
    public IReadOnlyList<string> HealthProblems()
    {
        var problems = new List<string>();
        foreach (var reloader in _served.Values)
        {
            reloader.Get();
            if (reloader.Problem is { } problem) problems.Add($"{Name}: {problem}");
        }
        foreach (var (path, failed) in _unloadable)
        {
            if (failed.Clock.GetUtcNow() - failed.Tried > UnloadableReportedFor)
            {
                _unloadable.TryRemove(new KeyValuePair<string, Unloadable>(path, failed));
                continue;
            }
            string message = failed.Message;
            var now = (FileStamp.Of(path, failed.FeaturesPath), Models.ModelVersions.FolderStamp(path)); // a new version or a moved alias also retries
            if (now != failed.Stamp)
            {
                try
                {
                    failed.Retry();
                    _unloadable.TryRemove(new KeyValuePair<string, Unloadable>(path, failed));
                    continue; // loads now: the next request creates the stage
                }
                catch (ModelFormatException e)
                {
                    message = e.Message;
                    _unloadable.TryUpdate(path, failed with { Stamp = now, Message = message }, failed);
                }
            }
            problems.Add($"{Name}: no version serves, so its stage is skipped: {message}");
        }
        return problems;
    }

    /// <summary>
    /// Changes whenever a stage's model file is reloaded (a new version put in service) or a stage is created for another
    /// model; each model's files are checked as a request would (a file-status call each).
    /// </summary>
    public long StateVersion
    {
        get
        {
            long version = Volatile.Read(ref _created);
            foreach (var reloader in _served.Values)
            {
                reloader.Get();
                version += reloader.Reloads;
            }
            return version;
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
