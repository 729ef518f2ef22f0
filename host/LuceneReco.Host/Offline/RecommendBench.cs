using LuceneReco.Host.Bench;
using System.Diagnostics;
using System.Globalization;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Offline;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline;

/// <summary>
/// <c>bench recommend</c>: the latency of one user's recommendation request through the ordinary
/// <see cref="PipelineRunner"/>, in-process, one request at a time. Sets the pipeline up as <c>recommend-batch</c> does
/// (<see cref="OfflinePipeline"/>: models trained on the events, or given), scales its recall sizes (keeping their
/// proportions) until about <see cref="RecommendBenchOptions.Recall"/> fused candidates reach the rerank stages on the
/// calibration users, warms up, then times one request for each sampled user.
/// </summary>
internal static class RecommendBench
{
    /// <summary>The most calibration rounds; each runs the calibration users once.</summary>
    public const int MaxCalibrationRounds = 8;

    /// <summary>Runs the measurement.</summary>
    /// <param name="options">What to measure.</param>
    /// <param name="progress">Told about training, calibration and timing, one line at a time, or null.</param>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    /// <exception cref="InteractionFileException">The interactions file is missing, malformed or has no events.</exception>
    public static RecommendBenchReport Run(RecommendBenchOptions options, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException(string.Join("; ", errors), nameof(options));
        long started = Stopwatch.GetTimestamp();
        var events = InteractionFiles.ReadAll(options.Interactions, options.Clock.GetUtcNow());
        if (events.Count == 0) throw new InteractionFileException($"interactions file '{options.Interactions}' has no events");
        var (sample, userCount) = SampleUsers(events, options.Users, options.Seed);
        progress?.Invoke(Invariant($"read {events.Count:N0} events of {userCount:N0} users; timing {sample.Count:N0} of them"));

        var pipeline = options.Config.Find(options.Pipeline ?? options.Config.DefaultFor(RequestKind.Recommend, hasQuery: false))!;
        string name = options.Pipeline ?? options.Config.DefaultFor(RequestKind.Recommend, hasQuery: false);
        using var offline = OfflinePipeline.Open(options.IndexDirectory, name, pipeline, events, options.Training, options.Models, options.Plugins, options.Clock, progress);
        double setupSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var calibrationUsers = sample.Take(options.CalibrationUsers).ToList();
        var (runner, scaled, rounds) = Calibrate(offline, pipeline, options.Recall, calibrationUsers, options.K, options.UserCache, progress);

        for (int i = 0; i < options.Warmup; i++) Recommend(runner, name, sample[i % sample.Count], options.K);
        progress?.Invoke(Invariant($"warmed up with {options.Warmup:N0} requests; timing {sample.Count:N0} users"));

        var requestMs = new double[sample.Count];
        var recallMs = new double[sample.Count];
        var candidates = new int[sample.Count];
        var stageMs = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var sourceMs = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var threadBytes = new double[sample.Count];
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        long history = 0;
        runner.UserCache.Clear(); // the timed pass is cold: the warm-up's users are forgotten
        GC.Collect();
        GC.WaitForPendingFinalizers();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        long lastReport = Stopwatch.GetTimestamp();
        for (int u = 0; u < sample.Count; u++)
        {
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            var result = Recommend(runner, name, sample[u], options.K);
            requestMs[u] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            threadBytes[u] = GC.GetAllocatedBytesForCurrentThread() - a0;
            recallMs[u] = result.RecallTook.TotalMilliseconds;
            candidates[u] = result.Recalled;
            history += offline.History.ForUser(sample[u], PipelineRunner.HistoryDepth).Count;
            foreach (var stage in result.Stages)
            {
                if (!stageMs.TryGetValue(stage.Stage, out var times)) stageMs[stage.Stage] = times = new List<double>(sample.Count);
                times.Add(stage.Milliseconds);
            }
            foreach (var source in result.Sources)
            {
                if (!sourceMs.TryGetValue(source.Stage, out var times)) sourceMs[source.Stage] = times = new List<double>(sample.Count);
                times.Add(source.Milliseconds);
            }
            foreach (var s in result.SkippedStages) skipped[$"{s.Stage}: {s.Reason}"] = skipped.GetValueOrDefault($"{s.Stage}: {s.Reason}") + 1;
            if (progress is not null && Stopwatch.GetElapsedTime(lastReport) >= TimeSpan.FromSeconds(2))
            {
                lastReport = Stopwatch.GetTimestamp();
                progress(Invariant($"{u + 1:N0}/{sample.Count:N0} users timed"));
            }
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / sample.Count;
        int[] collections = [GC.CollectionCount(0) - collectionsBefore[0], GC.CollectionCount(1) - collectionsBefore[1], GC.CollectionCount(2) - collectionsBefore[2]];

        // the warm pass: the same users again, each now remembered (when the cache is on and holds them all)
        var warmMs = new double[sample.Count];
        var warmBytes = new double[sample.Count];
        int fromCache = 0;
        for (int u = 0; u < sample.Count; u++)
        {
            long a0 = GC.GetAllocatedBytesForCurrentThread();
            long t0 = Stopwatch.GetTimestamp();
            var result = Recommend(runner, name, sample[u], options.K);
            warmMs[u] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            warmBytes[u] = GC.GetAllocatedBytesForCurrentThread() - a0;
            if (result.FromCache) fromCache++;
        }
        progress?.Invoke(Invariant($"warm pass: {fromCache:N0} of {sample.Count:N0} requests answered from the user cache"));
        long heap = GC.GetTotalMemory(forceFullCollection: true);
        process.Refresh();

        return new RecommendBenchReport
        {
            Pipeline = name,
            IndexItems = offline.Reader.NumDocs,
            Events = events.Count,
            InteractionUsers = userCount,
            Users = sample.Count,
            K = options.K,
            RecallTarget = options.Recall,
            RecallSizes = pipeline.Recall.Zip(scaled.Recall, (p, s) => new RecallSize(p.Source, p.Size, s.Size)).ToList(),
            CalibrationRounds = rounds,
            MeanCandidates = candidates.Average(),
            MinCandidates = candidates.Min(),
            MaxCandidates = candidates.Max(),
            MeanHistory = (double)history / sample.Count,
            Request = LatencyStats.Of(requestMs),
            CpuMsPerRequest = cpuMs,
            Recall = LatencyStats.Of(recallMs),
            Sources = scaled.Recall.Select(r => r.Source).Distinct(StringComparer.Ordinal).Where(sourceMs.ContainsKey)
                .Select(s => new StageLatency(s, LatencyStats.Of(sourceMs[s]))).ToList(),
            AllocatedBytesPerRequest = (double)allocated / sample.Count,
            ThreadAllocatedBytes = LatencyStats.Of(threadBytes),
            UserCacheSize = options.UserCache,
            Warm = LatencyStats.Of(warmMs),
            WarmThreadAllocatedBytes = LatencyStats.Of(warmBytes),
            WarmFromCache = fromCache,
            Stages = pipeline.Stages.Where(s => stageMs.ContainsKey(s.StageName)).Select(s => new StageLatency(s.StageName, LatencyStats.Of(stageMs[s.StageName]))).ToList(),
            Skipped = skipped,
            TrainingSeconds = offline.TrainingTook.TotalSeconds,
            SetupSeconds = setupSeconds,
            RssBytes = process.WorkingSet64,
            PeakRssBytes = process.PeakWorkingSet64,
            HeapBytes = heap,
            Collections = collections,
        };
    }

    /// <summary>
    /// <paramref name="pipeline"/> with every recall size multiplied by <paramref name="factor"/> (rounded up, kept within
    /// 1 to <see cref="RecallStep.MaxSize"/>).
    /// </summary>
    public static PipelineDefinition Scale(PipelineDefinition pipeline, double factor)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        if (!double.IsFinite(factor) || factor <= 0) throw new ArgumentOutOfRangeException(nameof(factor), factor, "the factor must be a positive number");
        return pipeline with
        {
            Recall = pipeline.Recall.Select(r => r with { Size = (int)Math.Clamp(Math.Ceiling(r.Size * factor), 1, RecallStep.MaxSize) }).ToList(),
        };
    }

    /// <summary>
    /// Distinct users in order of first appearance, then a seeded shuffle; the first <paramref name="count"/> (all when
    /// there are fewer), and how many users there are.
    /// </summary>
    public static (List<string> Sample, int Users) SampleUsers(IReadOnlyList<Interaction> events, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(events);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var users = new List<string>();
        foreach (var e in events)
            if (seen.Add(e.UserId)) users.Add(e.UserId);
        var array = users.ToArray();
        new Random(seed).Shuffle(array);
        return (array.Take(count).ToList(), users.Count);
    }

    /// <summary>
    /// Scales the recall sizes until the calibration users' mean fused count reaches <paramref name="target"/>: starts where
    /// the sizes add up to the target (fused lists overlap, so this is at most the target), then multiplies by
    /// <c>target / mean</c> (at least 1.05) each round. Stops early when no candidate is recalled at all or every size is at its limit.
    /// </summary>
    private static (PipelineRunner Runner, PipelineDefinition Scaled, int Rounds) Calibrate(OfflinePipeline offline, PipelineDefinition pipeline,
        int target, List<string> users, int k, int userCache, Action<string>? progress)
    {
        double factor = (double)target / pipeline.Recall.Sum(r => r.Size);
        for (int round = 1; ; round++)
        {
            var scaled = Scale(pipeline, factor);
            var runner = offline.RunnerFor(scaled, userCache);
            double mean = users.Average(u => Recommend(runner, offline.Name, u, k).Recalled);
            progress?.Invoke(Invariant($"calibration {round}: recall sizes {string.Join(", ", scaled.Recall.Select(r => $"{r.Source} {r.Size:N0}"))} -> mean {mean:N1} candidates"));
            bool atLimit = scaled.Recall.All(r => r.Size == RecallStep.MaxSize);
            if (mean >= target || mean == 0 || atLimit || round == MaxCalibrationRounds) return (runner, scaled, round);
            factor *= Math.Max(1.05, target / mean);
        }
    }

    private static PipelineResult Recommend(PipelineRunner runner, string pipeline, string user, int k) =>
        runner.RunAsync(new PipelineRequest { Kind = RequestKind.Recommend, UserId = user, K = k, Pipeline = pipeline }).GetAwaiter().GetResult();

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
