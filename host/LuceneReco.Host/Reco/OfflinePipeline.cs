using System.Text.Json;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Host.Reco;

/// <summary>
/// One pipeline set up to run in-process offline, as <c>recommend-batch</c>, <c>eval</c> and <c>bench recommend</c> run it:
/// the collaborative models the pipeline names (recall sources or stages) are trained on the given events into a temporary
/// folder, or read from a given folder; the pipeline and its <c>itemknn</c>/<c>als</c> stages are pointed at them; and an
/// ordinary <see cref="PipelineRunner"/> runs it over the index's last commit, with the events as the interaction history
/// and the built-in rankers. Disposing closes the reader and deletes the temporary folder. The runner is thread-safe.
/// </summary>
internal sealed class OfflinePipeline : IDisposable
{
    private readonly string _work;
    private readonly string _models;
    private readonly LuceneReco.Index.IndexReader _reader;
    private readonly FixedIndexView _index;
    private readonly BuiltInRankerCatalog _catalog;
    private readonly ItemCatalogView _items;
    private readonly CollaborativeModelCache _modelCache;
    private readonly TimeProvider _clock;
    private readonly Action<string> _log;
    private readonly List<ServingConfigSource> _configs = [];

    private OfflinePipeline(string work, string models, LuceneReco.Index.IndexReader reader, FixedInteractions history, string name,
        PipelineDefinition pipeline, TrainingReport? training, TimeProvider clock, Action<string> log)
    {
        _work = work;
        _models = models;
        _reader = reader;
        _index = new FixedIndexView(reader);
        _items = new ItemCatalogView(_index);
        _catalog = new BuiltInRankerCatalog(clock);
        _modelCache = new CollaborativeModelCache(work, clock, log);
        _clock = clock;
        _log = log;
        History = history;
        Name = name;
        Training = training;
        Runner = RunnerFor(pipeline);
    }

    /// <summary>Runs the pipeline given to <see cref="Open"/>; its configuration holds only <see cref="Name"/>.</summary>
    public PipelineRunner Runner { get; }

    /// <summary>The events, served as every user's history.</summary>
    public FixedInteractions History { get; }

    /// <summary>The pipeline's name (the only one a runner of this set-up knows).</summary>
    public string Name { get; }

    /// <summary>What was trained, or null when nothing was (the pipeline needs no model, or the models were given).</summary>
    public TrainingReport? Training { get; }

    /// <summary>The index's last commit, which every request reads.</summary>
    public LuceneReco.Index.IndexReader Reader => _reader;

    /// <summary>Trains (unless <paramref name="models"/> is given) and sets up <paramref name="pipeline"/> under <paramref name="name"/>.</summary>
    /// <param name="indexDirectory">The index (its last commit is read).</param>
    /// <param name="name">The pipeline's name in requests.</param>
    /// <param name="pipeline">The pipeline to run.</param>
    /// <param name="events">The models' training input and every user's history.</param>
    /// <param name="training">The models' parameters.</param>
    /// <param name="models">A folder of trained model versions to use instead of training, or null to train.</param>
    /// <param name="clock">Training stamps, stage budgets.</param>
    /// <param name="progress">Told about training one line at a time, and the rankers' log lines.</param>
    public static OfflinePipeline Open(string indexDirectory, string name, PipelineDefinition pipeline, IReadOnlyList<Interaction> events,
        TrainingSettings training, string? models, TimeProvider clock, Action<string>? progress)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(training);
        var work = Directory.CreateTempSubdirectory("lucenereco-offline-").FullName;
        LuceneReco.Index.IndexReader? reader = null;
        try
        {
            TrainingReport? report = null;
            string modelFolder = models is null ? Path.Combine(work, "models") : Path.GetFullPath(models);
            bool needKnn = Uses(pipeline, ItemKnnRecallSource.SourceName), needAls = Uses(pipeline, AlsRecallSource.SourceName);
            if (models is null && ((needKnn && training.ItemKnn) || (needAls && training.Als)))
            {
                Directory.CreateDirectory(modelFolder);
                report = Trainer.Train(events, training.ToTrainerOptions(modelFolder, needKnn, needAls), clock, progress);
            }
            reader = LuceneReco.Index.IndexReader.Open(indexDirectory);
            return new OfflinePipeline(work, modelFolder, reader, new FixedInteractions(events), name, pipeline, report, clock, progress ?? (_ => { }));
        }
        catch
        {
            reader?.Dispose();
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// A runner of <paramref name="pipeline"/> (for example the pipeline with other recall sizes) under <see cref="Name"/>,
    /// pointed at the same models, on the same index, history and rankers. It can use only the models <see cref="Open"/> trained.
    /// </summary>
    public PipelineRunner RunnerFor(PipelineDefinition pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var config = ServingConfigSource.Fixed(new ServingConfig
        {
            DefaultPipeline = Name,
            Pipelines = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal) { [Name] = PointAt(pipeline, _models) },
        });
        _configs.Add(config);
        return new PipelineRunner(_index, History, _catalog, config, new ServingMetrics(_clock),
            handle =>
            {
                var data = Path.Combine(_work, handle.Name);
                Directory.CreateDirectory(data);
                return new RankerServices(_items, History, data, new RankerLog(handle.Name, _log), _clock);
            },
            _log, _modelCache);
    }

    /// <summary>Whether the pipeline needs the model named <paramref name="kind"/> (as a recall source or a stage's ranker).</summary>
    public static bool Uses(PipelineDefinition pipeline, string kind) =>
        pipeline.Recall.Any(r => r.Source == kind) || pipeline.Stages.Any(s => s.Ranker == kind);

    /// <summary>The pipeline with its collaborative sources and <c>itemknn</c>/<c>als</c> stages reading <paramref name="models"/>.</summary>
    public static PipelineDefinition PointAt(PipelineDefinition pipeline, string models)
    {
        var recall = pipeline.Recall.Select(r => r.Models is null ? r : r with { Models = null }).ToList();
        var stages = pipeline.Stages.Select(s => s.Ranker is ItemKnnRecallSource.SourceName or AlsRecallSource.SourceName
            ? s with { Options = WithModelDirectory(s.Options, models) }
            : s).ToList();
        return pipeline with { Models = models, Recall = recall, Stages = stages };
    }

    public void Dispose()
    {
        foreach (var config in _configs) config.Dispose();
        _reader.Dispose();
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private static JsonElement WithModelDirectory(JsonElement? options, string models)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (options is { ValueKind: JsonValueKind.Object } o)
                foreach (var p in o.EnumerateObject())
                    if (!p.NameEquals("modelDirectory") && !string.Equals(p.Name, "modelDirectory", StringComparison.OrdinalIgnoreCase)) p.WriteTo(writer);
            writer.WriteString("modelDirectory", models);
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }
}
