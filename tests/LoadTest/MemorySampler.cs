using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace LuceneReco.LoadTest;

/// <summary>Samples the server's memory (RSS from /proc, the process section of <c>GET /metrics</c>) once a second.</summary>
internal sealed class MemorySampler(HttpClient http, ServerProcess server)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    /// <summary>The samples, oldest first.</summary>
    public List<MemorySample> Samples { get; } = [];

    /// <summary>The phase recorded with the next samples.</summary>
    public string Phase { get; set; } = "load";

    /// <summary>Takes one sample now.</summary>
    public async Task SampleAsync()
    {
        var metrics = await http.GetFromJsonAsync<JsonElement>("/metrics").ConfigureAwait(false);
        var process = metrics.GetProperty("process");
        Samples.Add(new MemorySample(
            Stopwatch.GetElapsedTime(_started).TotalSeconds,
            Phase,
            server.ResidentSetBytes(),
            process.GetProperty("gcHeapBytes").GetInt64(),
            process.GetProperty("gen2Collections").GetInt32(),
            process.GetProperty("loadedAssemblies").GetInt32()));
    }

    /// <summary>Samples once a second until <paramref name="stop"/>.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        await SampleAsync().ConfigureAwait(false);
        while (await Tick(timer, stop).ConfigureAwait(false)) await SampleAsync().ConfigureAwait(false);
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return false; // sampling is over
        }
    }
}
