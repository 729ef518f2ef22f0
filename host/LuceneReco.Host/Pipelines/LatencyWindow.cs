namespace LuceneReco.Host.Pipelines;

/// <summary>
/// Latencies of one endpoint or stage over a sliding window: the newest <see cref="Capacity"/> samples not
/// older than the window. Recording is O(1) into a ring; percentiles sort a copy when metrics are read. Thread-safe.
/// </summary>
internal sealed class LatencyWindow(TimeSpan window, TimeProvider clock)
{
    /// <summary>Samples kept at most.</summary>
    public const int Capacity = 2048;

    private readonly double[] _ms = new double[Capacity];
    private readonly long[] _at = new long[Capacity];
    private readonly object _sync = new();
    private int _next;
    private int _size;
    private long _total;
    private long _failures;

    /// <summary>Records one sample; <paramref name="failed"/> counts it as an error (5xx, a skipped stage).</summary>
    public void Record(double milliseconds, bool failed = false)
    {
        long now = clock.GetTimestamp();
        lock (_sync)
        {
            _ms[_next] = milliseconds;
            _at[_next] = now;
            _next = (_next + 1) % Capacity;
            if (_size < Capacity) _size++;
            _total++;
            if (failed) _failures++;
        }
    }

    /// <summary>Counts since start, and p50/p95/p99 (nearest rank) of the samples in the window.</summary>
    public LatencySummary Summarize()
    {
        long now = clock.GetTimestamp();
        double[] recent;
        long total, failures;
        lock (_sync)
        {
            total = _total;
            failures = _failures;
            recent = new double[_size];
            int n = 0;
            for (int i = 0; i < _size; i++)
                if (clock.GetElapsedTime(_at[i], now) <= window) recent[n++] = _ms[i];
            Array.Resize(ref recent, n);
        }
        Array.Sort(recent);
        return new LatencySummary(total, failures, recent.Length, Percentile(recent, 0.50), Percentile(recent, 0.95), Percentile(recent, 0.99));
    }

    /// <summary>The nearest-rank percentile: the smallest sample with at least <paramref name="p"/> of the samples at or below it; 0 when empty.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        int rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}

/// <summary>What <c>GET /metrics</c> shows for one endpoint or stage.</summary>
/// <param name="Count">Requests (or stage runs) since start.</param>
/// <param name="Failures">Of those, failures (5xx responses, skipped stages).</param>
/// <param name="WindowCount">Samples in the sliding window.</param>
/// <param name="P50">Median latency in ms over the window.</param>
/// <param name="P95">95th percentile in ms.</param>
/// <param name="P99">99th percentile in ms.</param>
internal sealed record LatencySummary(long Count, long Failures, int WindowCount, double P50, double P95, double P99);
