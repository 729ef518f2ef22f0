using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LuceneReco.LoadTest;

// Concurrent PUT /items against a real `lucenereco serve` on loopback (README.md): CLIENTS clients, each PUTting one item at a
// time for SECONDS; half the PUTs replace an item written before. Prints p50/p99 latency, throughput and the index's
// segments and files before and after as Markdown. Exit 0 when every PUT succeeded.
int clients = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 32;
double seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 30;
var work = Directory.CreateTempSubdirectory("lucenereco-writebench-").FullName;
try
{
    var host = Environment.GetEnvironmentVariable("LR_HOST_DLL") is { Length: > 0 } other ? other : BuildOutputs.HostDll; // another build, for a before/after
    var index = Path.Combine(work, "index");
    await HostCommand.RunAsync(host, "index", "build", "--index", index, "--items", BuildOutputs.SampleCatalogue);
    Directory.CreateDirectory(Path.Combine(work, "plugins"));
    using var server = await ServerProcess.StartAsync(host,
        ["--index", index, "--store", Path.Combine(work, "events.db"), "--plugins", Path.Combine(work, "plugins"), "--urls", "http://127.0.0.1:0"], TimeSpan.FromSeconds(60));
    using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    var before = await IndexFigures(http, index);
    var latencies = new ConcurrentBag<double>();
    int failed = 0, next = 0;
    var stop = Stopwatch.StartNew();
    var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var rng = new Random(c);
        while (stop.Elapsed.TotalSeconds < seconds)
        {
            int n = Volatile.Read(ref next);
            string id = n > 0 && rng.Next(2) == 0 ? $"w{rng.Next(n)}" : $"w{Interlocked.Increment(ref next) - 1}";
            var body = $$"""{"id":"{{id}}","title":"write bench {{id}}","body":"an item written by client {{c}} to measure concurrent writes"}""";
            var t = Stopwatch.GetTimestamp();
            using var response = await http.PutAsync("/items", new StringContent(body, Encoding.UTF8, "application/json"));
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failed);
        }
    })).ToArray();
    await Task.WhenAll(tasks);
    double elapsed = stop.Elapsed.TotalSeconds;
    var after = await IndexFigures(http, index);
    var summary = LatencySummary.Of(latencies);
    int exit = server.Stop(TimeSpan.FromSeconds(60));
    Console.WriteLine($"| clients | PUTs | failed | PUT/s | p50 ms | p99 ms | items | segments before → after | files before → after | exit |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {clients} | {latencies.Count} | {failed} | {latencies.Count / elapsed:0} | {summary.P50:0} | {summary.P99:0} | {after.Documents} | {before.Segments} → {after.Segments} | {before.Files} → {after.Files} | {exit} |"));
    return failed == 0 && exit == 0 ? 0 : 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static async Task<(int Segments, int Documents, int Files)> IndexFigures(HttpClient http, string index)
{
    using var response = await http.GetAsync("/metrics");
    using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    var stats = json.RootElement.GetProperty("index");
    return (stats.GetProperty("segments").GetInt32(), stats.GetProperty("documents").GetInt32(), Directory.EnumerateFiles(index).Count());
}
