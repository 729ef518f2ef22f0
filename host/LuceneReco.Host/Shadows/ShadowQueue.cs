using System.Collections.Concurrent;
using System.Threading.Channels;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Shadows;

/// <summary>
/// Shadow scoring off the request path (docs/experiments.md, Shadow pipelines): after a pipeline with <c>shadow</c> pipelines
/// has answered, each shadow is offered here with the request and the served list. One worker runs them in turn, as offline
/// requests (nothing logged as served, no state changed, no fault reported against a plugin), and compares each list with
/// the served one. At most <see cref="Capacity"/> shadow runs wait or run at once; an offer beyond that is dropped and
/// counted, never waited for, so a slow or failing shadow cannot slow or fail what is served. Thread-safe.
/// </summary>
internal sealed class ShadowQueue : IDisposable
{
    /// <summary>The queue's capacity unless the configuration's <c>shadowQueue</c> says otherwise.</summary>
    public const int DefaultCapacity = 256;

    /// <summary>The largest capacity the configuration may set.</summary>
    public const int MaxCapacity = 100_000;

    /// <summary>How many shadow lists <see cref="Recent"/> keeps (the newest).</summary>
    public const int RecentCapacity = 100;

    private readonly Func<PipelineRequest, CancellationToken, Task<PipelineResult>> _run;
    private readonly TimeProvider _clock;
    private readonly Action<string> _log;
    private readonly Channel<Job> _jobs = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<(string Pipeline, string Shadow), ShadowPairStats> _pairs = new();
    private readonly Queue<ShadowList> _recent = new();
    private ShadowLog? _file;
    private readonly object _startGate = new();
    private Task? _worker;
    private int _pending;
    private long _dropped;
    private long _reportedFailures;

    /// <summary>Creates an idle queue; the worker starts with the first offer.</summary>
    /// <param name="run">Runs one shadow request (the pipeline runner).</param>
    /// <param name="clock">Times the runs.</param>
    /// <param name="log">Told about failing shadows (the first few, then every hundredth).</param>
    public ShadowQueue(Func<PipelineRequest, CancellationToken, Task<PipelineResult>> run, TimeProvider clock, Action<string> log)
    {
        _run = run;
        _clock = clock;
        _log = log;
    }

    /// <summary>At most how many shadow runs wait or run at once (the configuration's <c>shadowQueue</c>).</summary>
    public int Capacity { get; set; } = DefaultCapacity;

    /// <summary>Where shadow lists are also written (the configuration's <c>shadowLog</c>), or null for memory only.</summary>
    public ShadowLog? Log => Volatile.Read(ref _file);

    /// <summary>Writes shadow lists to the file <paramref name="settings"/> names from now on (null: memory only); cheap when unchanged.</summary>
    public void UseLog(ShadowLogSettings? settings)
    {
        var current = Volatile.Read(ref _file);
        if (settings is null) { if (current is not null) Volatile.Write(ref _file, null); return; }
        long max = settings.MaxMegabytes * (1L << 20);
        if (current is not null && current.Path == System.IO.Path.GetFullPath(settings.Path) && current.MaxBytes == max) return;
        Volatile.Write(ref _file, new ShadowLog(settings.Path, max, _log));
    }

    /// <summary>Shadow runs waiting or running now.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Offers dropped because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Queues a run of each of <paramref name="shadows"/> for <paramref name="request"/>, which <paramref name="pipeline"/> answered with
    /// <paramref name="served"/>; returns at once. A run that does not fit is dropped and counted.
    /// </summary>
    public void Offer(string pipeline, IReadOnlyList<string> shadows, PipelineRequest request, PipelineResult served)
    {
        if (shadows.Count == 0 || _stop.IsCancellationRequested) return;
        var servedIds = new string[served.Items.Count];
        for (int i = 0; i < servedIds.Length; i++) servedIds[i] = served.Items[i].ItemId;
        long offered = _clock.GetTimestamp();
        foreach (string shadow in shadows)
        {
            var stats = Pair(pipeline, shadow);
            if (Interlocked.Increment(ref _pending) > Capacity)
            {
                Interlocked.Decrement(ref _pending);
                Interlocked.Increment(ref _dropped);
                stats.Dropped();
                continue;
            }
            var job = new Job(pipeline, shadow, request with { Pipeline = shadow, Offline = true, Shadow = true, Explain = false },
                servedIds, served.Took.TotalMilliseconds, served.RequestId, offered, stats);
            EnsureWorker();
            if (!_jobs.Writer.TryWrite(job)) Interlocked.Decrement(ref _pending); // only after Dispose
        }
    }

    /// <summary>The comparison of each (pipeline, shadow) pair offered so far.</summary>
    public IReadOnlyList<ShadowSummary> Summaries()
    {
        var list = new List<ShadowSummary>(_pairs.Count);
        foreach (var ((pipeline, shadow), stats) in _pairs) list.Add(stats.Summarize(pipeline, shadow));
        list.Sort((a, b) => string.CompareOrdinal(a.Pipeline + "\n" + a.Shadow, b.Pipeline + "\n" + b.Shadow));
        return list;
    }

    /// <summary>The newest shadow lists (at most <see cref="RecentCapacity"/>), newest first; none was served.</summary>
    public IReadOnlyList<ShadowList> Recent()
    {
        lock (_recent)
        {
            var list = _recent.ToList();
            list.Reverse();
            return list;
        }
    }

    /// <summary>Stops the worker: queued runs are dropped, a running one is cancelled and waited for (a few seconds at most).</summary>
    public void Dispose()
    {
        _jobs.Writer.TryComplete();
        _stop.Cancel();
        try
        {
            _worker?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException) // the worker catches what shadows throw; nothing else is expected here
        {
        }
        _stop.Dispose();
    }

    private ShadowPairStats Pair(string pipeline, string shadow) =>
        _pairs.GetOrAdd((pipeline, shadow), _ => new ShadowPairStats(_clock));

    private void EnsureWorker()
    {
        if (Volatile.Read(ref _worker) is not null) return;
        lock (_startGate)
            _worker ??= Task.Run(WorkAsync);
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var job in _jobs.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    await RunOneAsync(job).ConfigureAwait(false);
                }
                finally
                {
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task RunOneAsync(Job job)
    {
        long started = _clock.GetTimestamp();
        double waitedMs = _clock.GetElapsedTime(job.Offered, started).TotalMilliseconds;
        PipelineResult result;
        try
        {
            result = await _run(job.Request, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) // a shadow is never allowed to matter: whatever it throws is counted and logged, then forgotten
        {
            double ms = _clock.GetElapsedTime(started).TotalMilliseconds;
            job.Stats.Failed(ms, waitedMs);
            long n = Interlocked.Increment(ref _reportedFailures);
            if (n <= 5 || n % 100 == 0)
                _log($"shadow pipeline '{job.Shadow}' of '{job.Pipeline}' failed ({n} so far): {e.GetType().Name}: {e.Message}");
            Remember(new ShadowList(_clock.GetUtcNow(), job.Pipeline, job.Shadow, job.ServedRequestId, [], job.ServedIds, 0, null, ms, job.ServedMs, [],
                $"{e.GetType().Name}: {e.Message}"));
            return;
        }
        double took = _clock.GetElapsedTime(started).TotalMilliseconds;
        var ids = new string[result.Items.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = result.Items[i].ItemId;
        double overlap = ShadowComparison.Overlap(job.ServedIds, ids);
        double? tau = ShadowComparison.KendallTau(job.ServedIds, ids);
        bool sameTop = ids.Length > 0 && job.ServedIds.Length > 0 && ids[0] == job.ServedIds[0];
        job.Stats.Ran(took, waitedMs, job.ServedMs, overlap, tau, sameTop, result.SkippedStages.Count > 0);
        Remember(new ShadowList(_clock.GetUtcNow(), job.Pipeline, job.Shadow, job.ServedRequestId, ids, job.ServedIds, overlap, tau, took, job.ServedMs,
            result.SkippedStages.Select(s => s.Stage).ToArray(), null));
    }

    private void Remember(ShadowList list)
    {
        Volatile.Read(ref _file)?.Append(list); // on the worker: never on a request's path
        lock (_recent)
        {
            _recent.Enqueue(list);
            while (_recent.Count > RecentCapacity) _recent.Dequeue();
        }
    }

    private sealed record Job(string Pipeline, string Shadow, PipelineRequest Request, string[] ServedIds, double ServedMs, string? ServedRequestId,
        long Offered, ShadowPairStats Stats);
}
