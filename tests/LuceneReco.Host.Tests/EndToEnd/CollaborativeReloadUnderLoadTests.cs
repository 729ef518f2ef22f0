using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LuceneReco.LoadTest;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.EndToEnd;

/// <summary>
/// The built-in collaborative plugin replaced under load in a real <c>lucenereco serve</c> on 127.0.0.1: 4 clients ask for
/// recommendations through the built-in <c>recommend</c> pipeline (the plugin's <c>als</c> and <c>itemknn</c> sources and
/// stages) for at least 10 s and three reloads while the plugin folder alternates between the built-in build (1.0.0.0) and the same sources built as
/// 2.0.0.0 (tests/TestPlugins/CollaborativeV2). Every request must succeed, both versions must serve, and every response
/// must have been served by one version for recall and rerank alike (the response's <c>plugins</c>).
/// </summary>
[Collection(ServerProcessCollection.Name)]
[Trait("Category", "Load")]
public sealed class CollaborativeReloadUnderLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ReplacingTheCollaborativePlugin_UnderLoad_NoRequestFails_AndEachResponseIsServedByOneVersion()
    {
        var work = Directory.CreateTempSubdirectory("lucenereco-collab-load-").FullName;
        try
        {
            string host = BuildOutputs.HostDll;
            string v1 = Path.Combine(Path.GetDirectoryName(host)!, "plugins", "collaborative"), v2 = BuildOutputs.TestPlugin("CollaborativeV2");
            string index = Path.Combine(work, "index"), plugins = Path.Combine(work, "plugins"), data = Path.Combine(work, "data"), store = Path.Combine(work, "events.db");
            string events = Path.Combine(BuildOutputs.RepositoryRoot, "samples", "interactions.tsv");
            await HostCommand.RunAsync(host, "index", "build", "--index", index, "--items", BuildOutputs.SampleCatalogue);
            await HostCommand.RunAsync(host, "interactions", "import", "--store", store, "--file", events);
            BuildOutputs.InstallPlugin(v1, plugins, "collaborative");
            await HostCommand.RunAsync(host, "train", "--store", store, "--plugins", plugins, "--data", data);

            using var server = await ServerProcess.StartAsync(host,
                // one client (this test) sends well over the default 2,000 requests a second once the user cache answers
                // repeated recommendations, and the rate limiter rightly refuses that: this test is about reloads, not limits
                ["--index", index, "--plugins", plugins, "--data", data, "--store", store, "--urls", "http://127.0.0.1:0", "--limit", "ratePerSecond=off"], TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var failures = new ConcurrentQueue<string>();
            var served = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            int reloads = 0;
            // at least 10 s of load and 3 reloads; on a loaded machine a reload can take seconds, so up to 90 s
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
            {
                var minimum = Stopwatch.GetTimestamp();
                var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
                {
                    for (int i = 0; !stop.IsCancellationRequested; i++)
                    {
                        string user = $"u{1 + (c * 7 + i) % 12:00}";
                        try
                        {
                            using var response = await http.PostAsJsonAsync("/recommend", new { userId = user, k = 5, pipeline = "recommend" });
                            string body = await response.Content.ReadAsStringAsync();
                            if (!response.IsSuccessStatusCode) { failures.Enqueue($"{(int)response.StatusCode}: {body}"); continue; }
                            using var json = JsonDocument.Parse(body);
                            var versions = json.RootElement.GetProperty("plugins");
                            string als = versions.TryGetProperty("als", out var a) ? a.GetString()! : "none";
                            string knn = versions.TryGetProperty("itemknn", out var k) ? k.GetString()! : "none";
                            if (als != knn || als == "none") failures.Enqueue($"{user}: als {als}, itemknn {knn} in one response: {body}");
                            else served.AddOrUpdate(als, 1, (_, n) => n + 1);
                        }
                        catch (HttpRequestException e)
                        {
                            failures.Enqueue(e.Message);
                        }
                    }
                })).ToList();
                var swapping = Task.Run(async () =>
                {
                    int current = 1;
                    while (!stop.IsCancellationRequested)
                    {
                        try { await Task.Delay(TimeSpan.FromSeconds(2), stop.Token); } catch (OperationCanceledException) { break; }
                        current = 3 - current;
                        BuildOutputs.InstallPlugin(current == 1 ? v1 : v2, plugins, "collaborative");
                        var started = Stopwatch.GetTimestamp();
                        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(20) && await LoadedVersion(http) != $"{current}.0.0.0")
                            await Task.Delay(50);
                        output.WriteLine($"v{current} serving {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms after the copy");
                        if (Interlocked.Increment(ref reloads) >= 3 && Stopwatch.GetElapsedTime(minimum) >= TimeSpan.FromSeconds(10)) stop.Cancel();
                    }
                });
                await Task.WhenAll(clients);
                await swapping;
            }
            int exit = server.Stop(TimeSpan.FromSeconds(15));
            output.WriteLine($"served: {string.Join(", ", served.Select(p => $"v{p.Key} {p.Value}"))}; {reloads} reloads");

            Assert.True(failures.IsEmpty, $"{failures.Count} failed: {string.Join("\n", failures.Take(5))}\n{server.StandardError}");
            Assert.True(reloads >= 3, $"{reloads} reloads");
            Assert.True(served.GetValueOrDefault("1.0.0.0") > 0 && served.GetValueOrDefault("2.0.0.0") > 0,
                $"both versions must serve: {string.Join(", ", served.Select(p => $"{p.Key} {p.Value}"))}");
            Assert.Equal(0, exit);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string?> LoadedVersion(HttpClient http)
    {
        var plugins = await http.GetFromJsonAsync<JsonElement>("/plugins");
        foreach (var plugin in plugins.EnumerateArray())
            if (plugin.GetProperty("name").GetString() == "als" && plugin.GetProperty("state").GetString() == "loaded")
                return plugin.GetProperty("version").GetString();
        return null;
    }
}
