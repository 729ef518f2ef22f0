using LuceneReco.Host.Bench;
using System.Globalization;
using System.Text.Json;

namespace LuceneReco.Host.Offline;

/// <summary>What <c>bench recommend</c> measured (<see cref="RecommendBench"/>); written as text and as <c>summary.json</c>.</summary>
internal sealed record RecommendBenchReport
{
    /// <summary>The pipeline timed.</summary>
    public required string Pipeline { get; init; }

    /// <summary>Live items in the index.</summary>
    public required int IndexItems { get; init; }

    /// <summary>Events read from the interactions file.</summary>
    public required int Events { get; init; }

    /// <summary>Distinct users in the interactions file.</summary>
    public required int InteractionUsers { get; init; }

    /// <summary>Users timed, one request each.</summary>
    public required int Users { get; init; }

    /// <summary>Items each request asked for.</summary>
    public required int K { get; init; }

    /// <summary>The mean number of fused candidates asked for (<c>--recall</c>).</summary>
    public required int RecallTarget { get; init; }

    /// <summary>Each recall source with its size in the pipeline and in the timed copy, in pipeline order.</summary>
    public required IReadOnlyList<RecallSize> RecallSizes { get; init; }

    /// <summary>Calibration rounds run to find <see cref="RecallSizes"/>.</summary>
    public required int CalibrationRounds { get; init; }

    /// <summary>Fused candidates that reached the first stage: mean, least and most over the timed requests.</summary>
    public required double MeanCandidates { get; init; }

    /// <inheritdoc cref="MeanCandidates"/>
    public required int MinCandidates { get; init; }

    /// <inheritdoc cref="MeanCandidates"/>
    public required int MaxCandidates { get; init; }

    /// <summary>Mean events in the timed users' histories.</summary>
    public required double MeanHistory { get; init; }

    /// <summary>Whole requests, timed around the runner's call.</summary>
    public required LatencyStats Request { get; init; }

    /// <summary>
    /// CPU time the whole process used while timing, per request, in milliseconds (all threads: the request's, the GC's, the JIT's).
    /// Near <see cref="Request"/>'s mean when the cores were free; far below it when other work took them.
    /// </summary>
    public required double CpuMsPerRequest { get; init; }

    /// <summary>From the request's start to the fused list: history, every recall source, fusion.</summary>
    public required LatencyStats Recall { get; init; }

    /// <summary>
    /// Each recall source that ran, in pipeline order: its own call (the built-in sources' index search, a plugin source's
    /// <c>Recall</c> and the runner's checks of its list), within <see cref="Recall"/>.
    /// </summary>
    public required IReadOnlyList<StageLatency> Sources { get; init; }

    /// <summary>
    /// Bytes the whole process allocated while timing (<see cref="GC.GetTotalAllocatedBytes(bool)"/>, every thread), per request.
    /// </summary>
    public required double AllocatedBytesPerRequest { get; init; }

    /// <summary>
    /// Bytes each request allocated on the calling thread (<see cref="GC.GetAllocatedBytesForCurrentThread"/> around the
    /// runner's call; a stage that the budget ran on another thread is not in it), as a distribution (the same percentiles as the times).
    /// </summary>
    public required LatencyStats ThreadAllocatedBytes { get; init; }

    /// <summary>The user cache's capacity (<c>--user-cache</c>; 0: off).</summary>
    public required int UserCacheSize { get; init; }

    /// <summary>
    /// The second pass: each timed user once more, after the cold pass (<see cref="Request"/>, which starts with the cache
    /// empty) remembered them.
    /// </summary>
    public required LatencyStats Warm { get; init; }

    /// <summary>Bytes each warm request allocated on the calling thread.</summary>
    public required LatencyStats WarmThreadAllocatedBytes { get; init; }

    /// <summary>Warm requests answered from the user cache (the rest ran the pipeline again).</summary>
    public required int WarmFromCache { get; init; }

    /// <summary>Each rerank stage that ran, in pipeline order.</summary>
    public required IReadOnlyList<StageLatency> Stages { get; init; }

    /// <summary>Skipped stages and recall sources ("stage: reason") with how many timed requests skipped them.</summary>
    public required IReadOnlyDictionary<string, int> Skipped { get; init; }

    /// <summary>Seconds spent training the models (0 when they were given or not needed).</summary>
    public required double TrainingSeconds { get; init; }

    /// <summary>Seconds from the start to the first calibration request: reading the events, training, opening the index.</summary>
    public required double SetupSeconds { get; init; }

    /// <summary>Process resident set size after timing, and its peak over the whole run, in bytes.</summary>
    public required long RssBytes { get; init; }

    /// <inheritdoc cref="RssBytes"/>
    public required long PeakRssBytes { get; init; }

    /// <summary>Managed heap after timing and a full collection (live objects: index, models, history), in bytes.</summary>
    public required long HeapBytes { get; init; }

    /// <summary>Garbage collections of each generation (0, 1, 2) during the timed requests.</summary>
    public required IReadOnlyList<int> Collections { get; init; }

    /// <summary>The report as one JSON object (snake_case keys, as <c>bench recall</c>'s summary).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Writes the report as a few aligned lines.</summary>
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c,
            $"bench recommend: pipeline '{Pipeline}' on {IndexItems:N0} items, {Events:N0} events of {InteractionUsers:N0} users; {Users:N0} users timed one request at a time (k {K}, mean history {MeanHistory:N1} events)"));
        string sizes = string.Join(", ", RecallSizes.Select(s => string.Create(c, $"{s.Source} {s.Size:N0}")));
        string from = string.Join("/", RecallSizes.Select(s => s.PipelineSize.ToString("N0", c)));
        output.WriteLine(string.Create(c,
            $"recall sizes: {sizes} (the pipeline's {from} scaled for {RecallTarget:N0} candidates, {CalibrationRounds} calibration round{(CalibrationRounds == 1 ? "" : "s")})"));
        output.WriteLine(string.Create(c, $"candidates reaching the stages: mean {MeanCandidates:N1}, min {MinCandidates:N0}, max {MaxCandidates:N0}"));
        output.WriteLine($"{"ms",-28} {"count",6} {"p50",9} {"p90",9} {"p99",9} {"max",9} {"mean",9}");
        Row(output, "request (cold)", Request);
        Row(output, "recall + fusion", Recall);
        foreach (var source in Sources) Row(output, "  source " + source.Stage, source.Latency);
        foreach (var stage in Stages) Row(output, "stage " + stage.Stage, stage.Latency);
        Row(output, "request (warm)", Warm);
        var b = ThreadAllocatedBytes;
        output.WriteLine(string.Create(c,
            $"allocated per request: {AllocatedBytesPerRequest / 1024:N0} KiB by the process; on the request's thread p50 {b.P50 / 1024:N0} KiB, p90 {b.P90 / 1024:N0} KiB, p99 {b.P99 / 1024:N0} KiB, max {b.Max / 1024:N0} KiB"));
        output.WriteLine(string.Create(c,
            $"user cache: {(UserCacheSize == 0 ? "off" : UserCacheSize.ToString("N0", c) + " users")}; warm pass: {WarmFromCache:N0} of {Warm.Count:N0} requests from the cache, p50 {WarmThreadAllocatedBytes.P50 / 1024:N0} KiB allocated on the request's thread"));
        output.WriteLine(string.Create(c, $"process CPU while timing: {CpuMsPerRequest:0.000} ms per request (request mean {Request.Mean:0.000} ms)"));
        output.WriteLine(string.Create(c,
            $"memory: RSS {RssBytes / 1e6:N0} MB (peak {PeakRssBytes / 1e6:N0} MB), managed heap {HeapBytes / 1e6:N0} MB live; collections while timing: gen0 {Collections[0]}, gen1 {Collections[1]}, gen2 {Collections[2]}"));
        output.WriteLine(string.Create(c, $"setup {SetupSeconds:N1} s (training {TrainingSeconds:N1} s)"));
    }

    private static void Row(TextWriter output, string name, LatencyStats s) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-28} {s.Count,6} {s.P50,9:0.000} {s.P90,9:0.000} {s.P99,9:0.000} {s.Max,9:0.000} {s.Mean,9:0.000}"));

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };
}

/// <summary>A recall source's size in the pipeline as configured and in the timed copy.</summary>
internal sealed record RecallSize(string Source, int PipelineSize, int Size);

/// <summary>One rerank stage's times over the requests it ran in.</summary>
internal sealed record StageLatency(string Stage, LatencyStats Latency);
