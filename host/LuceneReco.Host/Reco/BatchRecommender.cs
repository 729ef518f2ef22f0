using System.Text.Json;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Host.Reco;

/// <summary>
/// Runs one pipeline for many users offline, as <c>recommend-batch</c> and <c>eval</c> do: trains the collaborative
/// models the pipeline names (recall sources or stages) on the training events into a temporary model folder,
/// points the pipeline and its <c>itemknn</c>/<c>als</c> stages at it, and runs every user through the ordinary
/// <see cref="PipelineRunner"/> with the training events as the interaction history and the built-in rankers.
/// Lists leave out every item of the user's training history. Users run in parallel; results do not depend on the order.
/// </summary>
internal sealed class BatchRecommender
{
    private readonly BatchOptions _options;

    public BatchRecommender(BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        _options = options;
    }

    /// <summary>Trains, then recommends <see cref="BatchOptions.K"/> items to each of <paramref name="users"/> (aligned with it).</summary>
    /// <param name="train">The training events: the models' input and each user's history.</param>
    /// <param name="users">The users to recommend for.</param>
    /// <param name="progress">Told, one line at a time, about training and every few seconds about users done.</param>
    public BatchResult Run(IReadOnlyList<Interaction> train, IReadOnlyList<string> users, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(users);
        var clock = _options.Clock;
        var pipeline = _options.Config.Find(_options.Pipeline)
            ?? throw new ArgumentException($"unknown pipeline '{_options.Pipeline}'", nameof(_options.Pipeline));
        bool needKnn = Uses(pipeline, ItemKnnRecallSource.SourceName), needAls = Uses(pipeline, AlsRecallSource.SourceName);

        var work = Directory.CreateTempSubdirectory("lucenereco-batch-").FullName;
        try
        {
            string models = Path.Combine(work, "models");
            TrainingReport? report = null;
            if ((needKnn && _options.Training.ItemKnn) || (needAls && _options.Training.Als))
            {
                Directory.CreateDirectory(models);
                report = Trainer.Train(train, _options.Training.ToTrainerOptions(models, needKnn, needAls), clock, progress);
            }
            var patched = PointAt(pipeline, models);
            string name = _options.Pipeline ?? _options.Config.DefaultPipeline;
            var config = new ServingConfig
            {
                DefaultPipeline = name,
                Pipelines = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal) { [name] = patched },
            };

            using var reader = LuceneReco.Index.IndexReader.Open(_options.IndexDirectory);
            var index = new FixedIndexView(reader);
            var history = new FixedInteractions(train);
            var catalog = new BuiltInRankerCatalog(clock);
            var items = new ItemCatalogView(index);
            var log = progress ?? (_ => { });
            using var source = ServingConfigSource.Fixed(config);
            var runner = new PipelineRunner(index, history, catalog, source, new ServingMetrics(clock),
                handle =>
                {
                    var data = Path.Combine(work, handle.Name);
                    Directory.CreateDirectory(data);
                    return new RankerServices(items, history, data, new RankerLog(handle.Name, log), clock);
                },
                log, new CollaborativeModelCache(work, clock, log));

            var lists = new IReadOnlyList<string>[users.Count];
            var skipped = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            int done = 0;
            long started = clock.GetTimestamp(), lastReport = started;
            var gate = new object();
            Parallel.For(0, users.Count, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism }, u =>
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var e in history.ForUser(users[u], int.MaxValue)) seen.Add(e.ItemId);
                var request = new PipelineRequest
                {
                    Kind = RequestKind.Recommend,
                    UserId = users[u],
                    K = _options.K,
                    Exclude = seen, // the runner reads only the newest HistoryDepth events; heavy users have more
                    Pipeline = name,
                };
                var result = runner.RunAsync(request).GetAwaiter().GetResult();
                var list = new List<string>(_options.K);
                foreach (var c in result.Items)
                {
                    if (list.Count == _options.K) break;
                    if (!seen.Contains(c.ItemId)) list.Add(c.ItemId);
                }
                lists[u] = list;
                foreach (var s in result.SkippedStages) skipped.AddOrUpdate($"{s.Stage}: {s.Reason}", 1, (_, n) => n + 1);
                int now = Interlocked.Increment(ref done);
                if (progress is null) return;
                lock (gate)
                {
                    if (clock.GetElapsedTime(lastReport) < TimeSpan.FromSeconds(2) && now != users.Count) return;
                    lastReport = clock.GetTimestamp();
                    var elapsed = clock.GetElapsedTime(started).TotalSeconds;
                    progress(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{now:N0}/{users.Count:N0} users, {now / Math.Max(elapsed, 1e-9):0} users/s"));
                }
            });
            return new BatchResult(lists, report, skipped, clock.GetElapsedTime(started));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
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
