using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Plugins;
using LuceneReco.Host.Serving;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline;

/// <summary>
/// One pipeline set up to run in-process offline, as <c>recommend-batch</c>, <c>eval</c> and <c>bench recommend</c> run it: the
/// plugins come from the built-in plugins folder (or <c>--plugins</c>) with a data root of their own; every trainable plugin
/// the pipeline uses (as a candidate source or a stage) is trained on the given events into it, unless a data root with
/// trained models is given; and an ordinary <see cref="PipelineRunner"/> runs the pipeline over the index's last commit, with
/// the events as the interaction history. Disposing closes the reader, unloads the plugins and deletes the temporary folder.
/// The runner is thread-safe.
/// </summary>
internal sealed class OfflinePipeline : IDisposable
{
    private readonly string _work;
    private readonly LuceneReco.Index.IndexReader _reader;
    private readonly FixedIndexView _index;
    private readonly IRankerCatalog _catalog;
    private readonly ItemCatalogView _items;
    private readonly TimeProvider _clock;
    private readonly Action<string> _log;
    private readonly List<ServingConfigSource> _configs = [];
    private readonly List<PipelineRunner> _runners = [];

    private OfflinePipeline(string work, LuceneReco.Index.IndexReader reader, IRankerCatalog catalog, FixedInteractions history, string name,
        PipelineDefinition pipeline, IReadOnlyList<(string Plugin, TrainingOutcome Outcome)> training, TimeSpan trainingTook, TimeProvider clock, Action<string> log)
    {
        _work = work;
        _reader = reader;
        _index = new FixedIndexView(reader);
        _items = new ItemCatalogView(_index);
        _catalog = catalog;
        _clock = clock;
        _log = log;
        History = history;
        Name = name;
        Training = training;
        TrainingTook = trainingTook;
        Runner = RunnerFor(pipeline);
    }

    /// <summary>Runs the pipeline given to <see cref="Open"/>; its configuration holds only <see cref="Name"/>.</summary>
    public PipelineRunner Runner { get; }

    /// <summary>The events, served as every user's history.</summary>
    public FixedInteractions History { get; }

    /// <summary>The pipeline's name (the only one a runner of this set-up knows).</summary>
    public string Name { get; }

    /// <summary>What each trained plugin wrote; empty when nothing was trained (no trainable plugin, or the models were given).</summary>
    public IReadOnlyList<(string Plugin, TrainingOutcome Outcome)> Training { get; }

    /// <summary>How long training took.</summary>
    public TimeSpan TrainingTook { get; }

    /// <summary>The plugins the runner uses.</summary>
    public IRankerCatalog Catalog => _catalog;

    /// <summary>The index's last commit, which every request reads.</summary>
    public LuceneReco.Index.IndexReader Reader => _reader;

    /// <summary>Trains (unless <paramref name="dataRoot"/> is given) and sets up <paramref name="pipeline"/> under <paramref name="name"/>.</summary>
    /// <param name="indexDirectory">The index (its last commit is read).</param>
    /// <param name="name">The pipeline's name in requests.</param>
    /// <param name="pipeline">The pipeline to run.</param>
    /// <param name="events">The training input and every user's history.</param>
    /// <param name="training">Which plugins to train (null: those the pipeline and <paramref name="alsoTrain"/> use) and their settings.</param>
    /// <param name="dataRoot">A plugin data root holding trained models to use instead of training, or null to train into a temporary one.</param>
    /// <param name="pluginsDirectory">The plugins folder, or null for the built-in plugins.</param>
    /// <param name="clock">Training stamps, stage budgets.</param>
    /// <param name="progress">Told about training one line at a time, and the plugins' log lines.</param>
    /// <param name="alsoTrain">Further plugins to train besides the pipeline's (e.g. an evaluation baseline's).</param>
    /// <exception cref="TrainingException">Training settings no plugin understands, or a plugin that failed to train.</exception>
    public static OfflinePipeline Open(string indexDirectory, string name, PipelineDefinition pipeline, IReadOnlyList<Interaction> events,
        TrainingSettings training, string? dataRoot, string? pluginsDirectory, TimeProvider clock, Action<string>? progress,
        IEnumerable<string>? alsoTrain = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(training);
        var log = progress ?? (_ => { });
        var work = Directory.CreateTempSubdirectory("lucenereco-offline-").FullName;
        LuceneReco.Index.IndexReader? reader = null;
        IRankerCatalog? catalog = null;
        try
        {
            string root = dataRoot is null ? Path.Combine(work, "data") : Path.GetFullPath(dataRoot);
            catalog = PluginCatalogFactory.Create(pluginsDirectory is null ? null : Path.GetFullPath(pluginsDirectory), root, watch: false, clock, log);
            var outcomes = new List<(string, TrainingOutcome)>();
            long started = clock.GetTimestamp();
            if (dataRoot is null)
            {
                var trainable = PluginTrainer.Select(catalog, training.Plugins, [.. PluginsUsed(pipeline), .. alsoTrain ?? []]);
                outcomes = PluginTrainer.Train(trainable, events, training, clock, progress);
            }
            var took = dataRoot is null ? clock.GetElapsedTime(started) : TimeSpan.Zero;
            reader = LuceneReco.Index.IndexReader.Open(indexDirectory);
            return new OfflinePipeline(work, reader, catalog, new FixedInteractions(events), name, pipeline, outcomes, took, clock, log);
        }
        catch
        {
            reader?.Dispose();
            (catalog as IDisposable)?.Dispose();
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// A runner of <paramref name="pipeline"/> (for example the pipeline with other recall sizes, or a baseline) under
    /// <see cref="Name"/>, on the same index, history, plugins and models, remembering <paramref name="userCacheSize"/> users
    /// between requests (<see cref="UserCache"/>; the default 0 remembers none: an offline run asks for each user once).
    /// </summary>
    public PipelineRunner RunnerFor(PipelineDefinition pipeline, int userCacheSize = 0)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var config = ServingConfigSource.Fixed(new ServingConfig
        {
            DefaultPipeline = Name,
            UserCacheSize = userCacheSize,
            Pipelines = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal) { [Name] = pipeline },
        });
        _configs.Add(config);
        var runner = new PipelineRunner(_index, History, _catalog, config, new ServingMetrics(_clock),
            handle =>
            {
                Directory.CreateDirectory(handle.DataDirectory);
                return new RankerServices(_items, History, handle.DataDirectory, new RankerLog(handle.Name, _log), _clock);
            },
            _log);
        _runners.Add(runner);
        return runner;
    }

    /// <summary>The plugins a pipeline names: its plugin candidate sources (recall and fallback) and its stages' rankers, in order.</summary>
    public static IEnumerable<string> PluginsUsed(PipelineDefinition pipeline) =>
        pipeline.Recall.Concat(pipeline.Fallback).Where(r => !r.IsBuiltIn).Select(r => r.Source)
            .Concat(pipeline.Stages.Select(s => s.Ranker)).Distinct(StringComparer.Ordinal);

    /// <summary>Whether the pipeline names the plugin <paramref name="name"/> (as a candidate source or a stage's ranker).</summary>
    public static bool Uses(PipelineDefinition pipeline, string name) => PluginsUsed(pipeline).Contains(name, StringComparer.Ordinal);

    public void Dispose()
    {
        foreach (var runner in _runners) runner.Dispose();
        foreach (var config in _configs) config.Dispose();
        _reader.Dispose();
        (_catalog as IDisposable)?.Dispose();
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }
}
