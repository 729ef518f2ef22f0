using LuceneReco.Host.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline;

/// <summary>
/// Runs one pipeline for many users offline, as <c>recommend-batch</c> and <c>eval</c> do: sets it up with an
/// <see cref="OfflinePipeline"/> (the models it names trained on the training events, which are also the interaction
/// history; the built-in rankers) and runs every user through its <see cref="PipelineRunner"/>.
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
    /// <param name="baselines">Further pipelines run for the same users on the same set-up (their plugins are trained too), e.g. <c>eval</c>'s baselines.</param>
    /// <exception cref="TrainingException">Training settings no plugin understands, or a plugin that failed to train.</exception>
    public BatchResult Run(IReadOnlyList<Interaction> train, IReadOnlyList<string> users, Action<string>? progress = null,
        IReadOnlyList<(string Name, PipelineDefinition Pipeline)>? baselines = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(users);
        var clock = _options.Clock;
        var pipeline = _options.Config.Find(_options.Pipeline ?? _options.Config.DefaultFor(RequestKind.Recommend, hasQuery: false))
            ?? throw new ArgumentException($"unknown pipeline '{_options.Pipeline}'", nameof(_options.Pipeline));
        string name = _options.Pipeline ?? _options.Config.DefaultFor(RequestKind.Recommend, hasQuery: false);
        baselines ??= [];
        using var offline = OfflinePipeline.Open(_options.IndexDirectory, name, pipeline, train, _options.Training, dataRoot: null,
            _options.Plugins, clock, progress, baselines.SelectMany(b => OfflinePipeline.PluginsUsed(b.Pipeline)));
        var skipped = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        long started = clock.GetTimestamp();
        var lists = RunUsers(offline, offline.Runner, users, skipped, progress);
        var others = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var (baseline, definition) in baselines)
            others[baseline] = RunUsers(offline, offline.RunnerFor(definition), users, skipped, progress);
        return new BatchResult(lists, offline.Training, skipped, clock.GetElapsedTime(started)) { Baselines = others };
    }

    private IReadOnlyList<string>[] RunUsers(OfflinePipeline offline, PipelineRunner runner, IReadOnlyList<string> users,
        System.Collections.Concurrent.ConcurrentDictionary<string, int> skipped, Action<string>? progress)
    {
        var clock = _options.Clock;
        var lists = new IReadOnlyList<string>[users.Count];
        int done = 0;
        long started = clock.GetTimestamp(), lastReport = started;
        var gate = new object();
        Parallel.For(0, users.Count, new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism }, u =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in offline.History.ForUser(users[u], int.MaxValue)) seen.Add(e.ItemId);
            var request = new PipelineRequest
            {
                Kind = RequestKind.Recommend,
                UserId = users[u],
                K = _options.K,
                Exclude = seen, // the runner reads only the newest HistoryDepth events; heavy users have more
                Pipeline = offline.Name,
                Offline = true,
            };
            var result = runner.RunAsync(request).GetAwaiter().GetResult();
            lists[u] = result.Items.Select(c => c.ItemId).ToList(); // at most K, none of them seen: the runner cut and excluded
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
        return lists;
    }
}
