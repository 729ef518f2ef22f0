using System.Globalization;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline.Tuning;

/// <summary>
/// <c>lucenereco tune</c>'s work: splits the given interactions into fit and validation parts (<see cref="ValidationSet"/>),
/// then runs a <see cref="HalvingSearch"/> over <see cref="PipelineSpace"/>. A trial trains the models its pipeline uses on
/// the fit part (each distinct model setting once, into its own folder under the plugin's data folder, so later trials
/// reuse it), runs the pipeline for the rung's share of the validation users with the fit part as their history, and
/// scores the lists against their held-out items. A model that refuses its settings (EASE above its item limit) makes the
/// trial a skipped candidate, not a failure. Nothing outside the given interactions is read.
/// </summary>
internal sealed class PipelineTuner : IDisposable
{
    private const string TrialPipeline = "tuned";
    private readonly TuneOptions _options;
    private readonly ValidationSet _validation;
    private readonly string _work;
    private readonly string _dataRoot;
    private readonly IRankerCatalog _catalog;
    private readonly Dictionary<string, (string? Directory, string? Error)> _models = new(StringComparer.Ordinal);
    private readonly Action<string> _log;

    private PipelineTuner(TuneOptions options, ValidationSet validation, Action<string>? progress)
    {
        _options = options;
        _validation = validation;
        _log = progress ?? (_ => { });
        _work = Directory.CreateTempSubdirectory("lucenereco-tune-").FullName;
        _dataRoot = Path.Combine(_work, "data");
        try
        {
            _catalog = PluginCatalogFactory.Create(options.PluginsDirectory is null ? null : Path.GetFullPath(options.PluginsDirectory), _dataRoot, watch: false, options.Search.Clock, _ => { });
        }
        catch
        {
            Directory.Delete(_work, recursive: true);
            throw;
        }
    }

    /// <summary>The fit/validation split tuned on.</summary>
    public ValidationSet Validation => _validation;

    /// <summary>Splits the interactions and opens the plugins; nothing is trained yet.</summary>
    /// <exception cref="TuneInputException">The interactions are too few to split.</exception>
    public static PipelineTuner Open(TuneOptions options, Action<string>? progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        var validation = ValidationSet.Create(options.Events, options.ByTime, options.ValidationFraction, options.Search.Seed, options.ColdItems, options.MaxValidationUsers);
        return new PipelineTuner(options, validation, progress);
    }

    /// <summary>Searches; then scores the defaults and the choice on the whole validation set when the search did not.</summary>
    /// <exception cref="SearchBudgetException">The budget did not fit one trial, or every trial was skipped.</exception>
    public TuneResult Run(CancellationToken cancellation = default)
    {
        var space = PipelineSpace.Create().Without(_options.FixedTraining.Keys);
        var search = new HalvingSearch(space, _options.Search);
        SearchResult result = search.Run(Evaluate, _log, cancellation);
        var last = _options.Search.Rungs.Count - 1;
        TrialOutcome best = result.Rung == last ? result.BestOutcome : Evaluate(result.Best, 1, cancellation);
        var defaults = result.Trials.FirstOrDefault(t => t.Trial.Number == 0);
        TrialOutcome defaultOutcome = result.Best.Number == 0 ? best
            : defaults is { Rungs.Count: var n } && n == last + 1 ? defaults.Last : Evaluate(new Trial(0, space.Defaults()), 1, cancellation);
        if (defaultOutcome.Score > best.Score) // a search cut short chose on a share of the users: on the whole set the defaults won
        {
            _log("on the whole validation set the defaults score above the search's choice: keeping the defaults");
            result = result with { Best = new Trial(0, space.Defaults()), BestOutcome = defaultOutcome };
            best = defaultOutcome;
        }
        return new TuneResult(result, best, defaultOutcome,
            PipelineSpace.Pipeline(result.Best.Settings, null),
            TrainingFor(result.Best.Settings),
            _validation.Split.Train.Count, _validation.Split.Test.Count, _validation.Users.Count);
    }

    /// <summary>Scores one trial on the first <paramref name="share"/> of the validation users.</summary>
    public TrialOutcome Evaluate(Trial trial, double share, CancellationToken cancellation)
    {
        var settings = trial.Settings;
        var directories = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string model in PipelineSpace.ModelsUsed(settings))
        {
            var (directory, error) = Model(model, settings, cancellation);
            if (error is not null) return TrialOutcome.Skip(error);
            directories[model] = directory!;
        }
        var pipeline = PipelineSpace.Pipeline(settings, m => directories.TryGetValue(m, out var d) ? d : "models");
        var users = _validation.Share(share);
        using var offline = OfflinePipeline.Open(_options.IndexDirectory, TrialPipeline, pipeline, _validation.Split.Train, new TrainingSettings(),
            _dataRoot, _options.PluginsDirectory, _options.Search.Clock, null);
        int k = Math.Max(20, _options.Metric.Depth);
        var lists = new IReadOnlyList<string>[users.Count];
        Parallel.For(0, users.Count, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellation }, u =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in offline.History.ForUser(users[u], int.MaxValue)) seen.Add(e.ItemId);
            var request = new PipelineRequest { Kind = RequestKind.Recommend, UserId = users[u], K = k, Exclude = seen, Pipeline = TrialPipeline, Offline = true };
            lists[u] = offline.Runner.RunAsync(request, cancellation).GetAwaiter().GetResult().Items.Select(c => c.ItemId).ToList();
        });
        return Score(users, lists);
    }

    private TrialOutcome Score(IReadOnlyList<string> users, IReadOnlyList<string>[] lists)
    {
        var metrics = new List<TuneMetric> { _options.Metric };
        foreach (var m in new[] { new TuneMetric("ndcg", 10), new TuneMetric("recall", 20) })
            if (m != _options.Metric) metrics.Add(m);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var m in metrics)
        {
            double sum = 0;
            for (int u = 0; u < users.Count; u++) sum += m.Of(lists[u], _validation.Relevant[users[u]]);
            values[m.Name] = sum / users.Count;
        }
        return new TrialOutcome(values[_options.Metric.Name], values);
    }

    /// <summary>The training settings the models of a trial's pipeline understand (the user's fixed ones among them).</summary>
    private SortedDictionary<string, string> TrainingFor(IReadOnlyDictionary<string, string> settings)
    {
        var understood = new HashSet<string>(StringComparer.Ordinal);
        foreach (string model in PipelineSpace.ModelsUsed(settings))
            if (_catalog.Snapshot().Find(model)?.Plugin is ITrainablePlugin trainable)
                foreach (var s in trainable.TrainingSettings) understood.Add(s.Name);
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in PipelineSpace.Training(TrainingOf(settings), _options.FixedTraining))
            if (understood.Contains(name)) result[name] = value; // a setting none of them understands would be refused when training
        return result;
    }

    /// <summary>The folder (relative to the plugin's data folder) of <paramref name="model"/> trained with the trial's settings, training it the first time.</summary>
    private (string? Directory, string? Error) Model(string model, IReadOnlyDictionary<string, string> settings, CancellationToken cancellation)
    {
        var handle = _catalog.Snapshot().Find(model);
        if (handle?.Plugin is not ITrainablePlugin trainable) return (null, $"no trainable plugin '{model}' is loaded");
        var understood = new HashSet<string>(trainable.TrainingSettings.Select(s => s.Name), StringComparer.Ordinal);
        var relevant = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in PipelineSpace.Training(TrainingOf(settings), _options.FixedTraining))
            if (understood.Contains(name)) relevant[name] = value;
        string key = model + " " + SearchSpace.Key(relevant);
        if (_models.TryGetValue(key, out var known)) return known;
        string folder = string.Create(CultureInfo.InvariantCulture, $"{model}-{_models.Count + 1}");
        string directory = Path.Combine(handle.DataDirectory, "tune", folder);
        long started = _options.Search.Clock.GetTimestamp();
        (string?, string?) entry;
        try
        {
            trainable.Train(new TrainingJob(_validation.Split.Train, directory, relevant, _options.Search.Clock, _ => { }), cancellation);
            entry = ($"tune/{folder}/models", null);
            _log(string.Create(CultureInfo.InvariantCulture, $"trained {model} ({SearchSpace.Key(relevant)}) in {_options.Search.Clock.GetElapsedTime(started).TotalSeconds:0.0} s"));
        }
        catch (ArgumentException e)
        {
            entry = (null, $"{model} refused its settings: {ExceptionText.WithoutParameterName(e)}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            entry = (null, $"{model} failed to train: {e.GetType().Name}: {e.Message}");
        }
        _models[key] = entry;
        return entry;
    }

    private static SortedDictionary<string, string> TrainingOf(IReadOnlyDictionary<string, string> settings)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in settings)
            if (PipelineSpace.IsTraining(name)) result[name] = value;
        return result;
    }

    public void Dispose()
    {
        (_catalog as IDisposable)?.Dispose();
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }
}

/// <summary>What tuning chose and how it scored on the validation set.</summary>
/// <param name="Search">The search (every trial, the rung reached, why it stopped).</param>
/// <param name="Best">The chosen trial's scores on the whole validation set.</param>
/// <param name="Defaults">The untuned pipeline's scores on the whole validation set.</param>
/// <param name="Pipeline">The chosen pipeline (models in the plugins' default folder).</param>
/// <param name="Training">The training settings the chosen pipeline's models need.</param>
/// <param name="FitEvents">Events in the fit part.</param>
/// <param name="ValidationEvents">Events in the validation part.</param>
/// <param name="ValidationUsers">Users judged on the whole validation set.</param>
internal sealed record TuneResult(SearchResult Search, TrialOutcome Best, TrialOutcome Defaults, PipelineDefinition Pipeline,
    SortedDictionary<string, string> Training, int FitEvents, int ValidationEvents, int ValidationUsers);
