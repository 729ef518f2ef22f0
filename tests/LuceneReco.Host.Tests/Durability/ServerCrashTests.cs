using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Tests.EndToEnd;
using LuceneReco.Host.Tests.Pipelines;
using LuceneReco.Index;
using LuceneReco.LoadTest;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.Durability;

/// <summary>
/// The server's crash harness: a real <c>lucenereco serve</c> process over one folder, killed with SIGKILL at a random moment
/// while several clients PUT single items, PUT item batches and POST event batches; after each kill the index opens, every
/// acknowledged write is there, and no batch is partial (acknowledged or not); then the next server starts on the same files.
/// Bounded for CI (<see cref="CiKills"/> kills, about two minutes on a busy machine); <c>LR_CRASH_KILLS=50</c> runs the full harness.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class ServerCrashTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Kill points in CI.</summary>
    public const int CiKills = 6;

    private const int Clients = 6, BatchSize = 5;
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    [Trait("Category", "Load")]
    public async Task KilledServer_KeepsEveryAcknowledgedWrite_AndNoPartialBatch()
    {
        int kills = int.TryParse(Environment.GetEnvironmentVariable("LR_CRASH_KILLS"), NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k > 0 ? k : CiKills;
        int seed = Environment.GetEnvironmentVariable("LR_TEST_SEED") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : Random.Shared.Next();
        var rng = new Random(seed);
        string index = _files.PathOf("index"), store = _files.PathOf("events.db");
        SampleIndex.Build(index);
        Directory.CreateDirectory(_files.PathOf("no-plugins"));
        var acked = new ConcurrentBag<string>();          // item ids whose PUT answered 200
        var batches = new ConcurrentBag<string[]>();      // every item batch sent, acknowledged or not
        var ackedUsers = new ConcurrentBag<string>();     // users whose event batch answered 200
        var users = new ConcurrentBag<string>();          // every user an event batch was sent for
        long acknowledgedWrites = 0;

        for (int kill = 0; kill < kills; kill++)
        {
            string where = $"seed {seed} (LR_TEST_SEED), kill {kill}";
            int delay = rng.Next(0, 2500);
            using (var server = await ServerProcess.StartAsync(BuildOutputs.HostDll,
                ["--index", index, "--store", store, "--plugins", _files.PathOf("no-plugins"), "--urls", "http://127.0.0.1:0"], TimeSpan.FromSeconds(120)))
            {
                using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                using var stop = new CancellationTokenSource();
                var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
                {
                    for (int n = 0; !stop.IsCancellationRequested; n++)
                    {
                        string tag = $"{kill}-{c}-{n}";
                        try
                        {
                            switch ((c + n) % 3)
                            {
                                case 0:
                                    if (await Put(http, [$"s-{tag}"], stop.Token)) { acked.Add($"s-{tag}"); Interlocked.Increment(ref acknowledgedWrites); }
                                    break;
                                case 1:
                                    var ids = Enumerable.Range(0, BatchSize).Select(i => $"b-{tag}-{i}").ToArray();
                                    batches.Add(ids);
                                    if (await Put(http, ids, stop.Token)) { foreach (var id in ids) acked.Add(id); Interlocked.Increment(ref acknowledgedWrites); }
                                    break;
                                default:
                                    users.Add($"u-{tag}");
                                    if (await Events(http, $"u-{tag}", stop.Token)) { ackedUsers.Add($"u-{tag}"); Interlocked.Increment(ref acknowledgedWrites); }
                                    break;
                            }
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                        {
                            return; // the server died under this request: it was not acknowledged
                        }
                    }
                })).ToArray();
                long before = Interlocked.Read(ref acknowledgedWrites); // a fresh server answers its first writes slowly (JIT): kill once it is writing
                for (int wait = 0; wait < 600 && Interlocked.Read(ref acknowledgedWrites) == before; wait++) await Task.Delay(100);
                await Task.Delay(delay);
                using (var process = System.Diagnostics.Process.GetProcessById(server.Id))
                {
                    process.Kill(); // SIGKILL, mid-traffic
                    process.WaitForExit();
                }
                await stop.CancelAsync();
                await Task.WhenAll(clients);
            }

            using (var reader = IndexReader.Open(index)) // the index opens after the kill
            {
                foreach (var id in acked) Assert.True(reader.DocOf(id) >= 0, $"{where}: acknowledged item {id} is missing");
                foreach (var batch in batches)
                {
                    int present = batch.Count(id => reader.DocOf(id) >= 0);
                    Assert.True(present == 0 || present == batch.Length, $"{where}: batch {batch[0]}.. is partial ({present} of {batch.Length})");
                }
            }
            using (var events = SqliteInteractionStore.Open(store))
            {
                foreach (var user in ackedUsers) Assert.True(events.ForUser(user).Count == BatchSize, $"{where}: acknowledged events of {user} are missing");
                foreach (var user in users)
                {
                    int n = events.ForUser(user).Count;
                    Assert.True(n == 0 || n == BatchSize, $"{where}: the event batch of {user} is partial ({n} of {BatchSize})");
                }
            }
            output.WriteLine($"kill {kill} {delay} ms after the first acknowledged write: {acked.Count} items and {ackedUsers.Count} event batches acknowledged so far");
        }
        output.WriteLine($"{kills} kills, {acknowledgedWrites} acknowledged writes, none lost, no partial batch (seed {seed})");
        Assert.True(acknowledgedWrites > kills, $"only {acknowledgedWrites} writes were acknowledged in {kills} runs; the clients barely ran (seed {seed})");
    }

    private static async Task<bool> Put(HttpClient http, string[] ids, CancellationToken cancel)
    {
        var body = "[" + string.Join(",", ids.Select(id => $$"""{"id":"{{id}}","title":"crash harness {{id}}","body":"written while the server may be killed"}""")) + "]";
        using var response = await http.PutAsync("/items", new StringContent(body, Encoding.UTF8, "application/json"), cancel);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<bool> Events(HttpClient http, string user, CancellationToken cancel)
    {
        var body = "[" + string.Join(",", Enumerable.Range(1, BatchSize).Select(i => $$"""{"userId":"{{user}}","itemId":"b{{i.ToString("000", CultureInfo.InvariantCulture)}}"}""")) + "]";
        using var response = await http.PostAsync("/events", new StringContent(body, Encoding.UTF8, "application/json"), cancel);
        return response.StatusCode == HttpStatusCode.OK;
    }
}
