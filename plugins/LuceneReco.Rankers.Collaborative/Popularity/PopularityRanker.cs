using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Ranking;

namespace LuceneReco.Rankers.Collaborative.Popularity;

/// <summary>
/// The "popular" plugin: a popularity model trained from every event (distinct users per item, and a trending score decayed
/// with a half-life and weighted by event kind), served as a candidate source for users with no history and as features.
/// </summary>
public sealed class PopularityRanker : IRankerPlugin, ICandidateSourcePlugin, ITrainablePlugin, IPluginHealth, IPluginState
{
    private readonly StoreCache<PopularityModel> _stores = new();

    /// <inheritdoc/>
    public string Name => "popular";

    /// <inheritdoc/>
    public Version Version => GetType().Assembly.GetName().Version ?? new Version(1, 0);

    /// <inheritdoc/>
    public string Description => "Popular and trending items (time-decayed, weighted by event kind): a list for users with no history, and popularity features.";

    /// <inheritdoc/>
    public IReadOnlyList<TrainingSetting> TrainingSettings { get; } =
    [
        new("half-life-days", "Trending: an event counts half after this many days, measured back from the newest event (default 7)."),
        new("kind-weights", "Trending: weight per event kind, e.g. purchase=5,add-to-cart=3,view=1 (default purchase 5, add-to-cart 3, others 1)."),
        new("keep-versions", "Model versions kept in the folder (default 3)."),
    ];

    /// <summary>A model folder in use whose newest file does not load.</summary>
    public IReadOnlyList<string> HealthProblems() => _stores.Problems(Name);

    /// <inheritdoc/>
    public long StateVersion => _stores.StateVersion();

    /// <summary>A stage that records popularity features; of the options it reads the model's (<c>modelDirectory</c>, <c>modelVersion</c>, <c>pollSeconds</c>).</summary>
    public IRankerStage CreateStage(JsonElement? options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var bound = OptionsBinder.Bind<PopularitySourceOptions>(options, Name);
        if (bound.Validate() is { Count: > 0 } problems) throw new ArgumentException($"Options of stage '{Name}' are invalid: {string.Join("; ", problems)}", nameof(options));
        return new PopularityStage(Store(bound, services));
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> CheckSourceOptions(JsonElement? options) =>
        OptionsBinder.Problems<PopularitySourceOptions>(options, Name,
            o => o.Validate());

    /// <summary>The source of a step naming this plugin: popular or trending items.</summary>
    public ICandidateSource CreateSource(JsonElement? options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var bound = OptionsBinder.Bind<PopularitySourceOptions>(options, Name);
        if (bound.Validate() is { Count: > 0 } problems) throw new ArgumentException($"Options of source '{Name}' are invalid: {string.Join("; ", problems)}", nameof(options));
        return new PopularitySource(Store(bound, services), bound.Order);
    }

    /// <summary>Counts the events into a new popularity model version in the plugin's <c>models</c> folder.</summary>
    public TrainingOutcome Train(TrainingJob job, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(job);
        var options = PopularityOptions.From(job.Settings);
        int keep = Training.TrainingSettingsReader.KeepVersions(job.Settings);
        long started = Stopwatch.GetTimestamp();
        var model = PopularityModel.Train(job.Events, options);
        cancellation.ThrowIfCancellationRequested();
        string directory = Path.Combine(job.DataDirectory, "models");
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["popular.HalfLifeDays"] = options.HalfLifeDays.ToString(CultureInfo.InvariantCulture) };
        var metadata = new ModelMetadata(PopularityModel.Kind, 0, job.Clock.GetUtcNow(), 0, model.Items.Count, job.Events.Count, model.Items.Count, seconds, parameters);
        var (path, _) = ModelFile.Write(directory, PopularityModel.Kind, metadata, model.WritePayload);
        ModelFile.Prune(directory, PopularityModel.Kind, keep);
        return new TrainingOutcome(string.Create(CultureInfo.InvariantCulture, $"popular: {model.Items.Count:N0} items, half-life {options.HalfLifeDays} days in {seconds:0.00} s"), [path]);
    }

    private Models.ModelStore<PopularityModel> Store(PopularitySourceOptions options, IRankerServices services) =>
        _stores.For(options.ModelDirectory, options.PollSeconds, services, PopularityModel.Kind,
            path => ModelFile.Read(path, PopularityModel.Kind, PopularityModel.ReadPayload), options.ModelVersion);
}
