using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.LoadTest;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.EndToEnd;

/// <summary>
/// Model aliases in a real <c>lucenereco serve</c> on 127.0.0.1: two trained versions of the built-in collaborative models,
/// <c>POST /admin/models/promote</c> and <c>/rollback</c> moving <c>production</c> back and forth while 4 clients ask for
/// recommendations through the <c>recommend</c> pipeline; no request may fail, and <c>lucenereco models list</c> reads the
/// same aliases from the folder.
/// </summary>
[Collection(ServerProcessCollection.Name)]
[Trait("Category", "Load")]
public sealed class ModelAliasUnderLoadTests(ITestOutputHelper output)
{
    private const string Model = "collaborative/models/itemknn";

    [Fact]
    public async Task MovingProduction_UnderLoad_NoRequestFails_AndTheCliSeesTheMoves()
    {
        var work = Directory.CreateTempSubdirectory("lucenereco-alias-load-").FullName;
        try
        {
            string host = BuildOutputs.HostDll;
            string builtIn = Path.Combine(Path.GetDirectoryName(host)!, "plugins", "collaborative");
            string index = Path.Combine(work, "index"), plugins = Path.Combine(work, "plugins"), data = Path.Combine(work, "data"), store = Path.Combine(work, "events.db");
            await HostCommand.RunAsync(host, "index", "build", "--index", index, "--items", BuildOutputs.SampleCatalogue);
            await HostCommand.RunAsync(host, "interactions", "import", "--store", store, "--file", Path.Combine(BuildOutputs.RepositoryRoot, "samples", "interactions.tsv"));
            BuildOutputs.InstallPlugin(builtIn, plugins, "collaborative");
            await HostCommand.RunAsync(host, "train", "--store", store, "--plugins", plugins, "--data", data, "--model", "itemknn");
            await HostCommand.RunAsync(host, "train", "--store", store, "--plugins", plugins, "--data", data, "--model", "itemknn");

            using var server = await ServerProcess.StartAsync(host,
                // the user cache answers repeated recommendations fast enough for this one client to pass the default
                // rate limit (2,000 a second); this test is about alias moves, not limits
                ["--index", index, "--plugins", plugins, "--data", data, "--store", store, "--urls", "http://127.0.0.1:0", "--limit", "ratePerSecond=off"], TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

            var listed = await http.GetFromJsonAsync<JsonElement>("/admin/models");
            var itemknn = listed.EnumerateArray().Single(m => m.GetProperty("name").GetString() == Model);
            Assert.Equal([2, 1], itemknn.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
            Assert.Equal(2, itemknn.GetProperty("aliases").GetProperty("production").GetInt32()); // no alias yet: the newest

            var failures = new ConcurrentQueue<string>();
            int served = 0, moves = 0;
            using (var stop = new CancellationTokenSource())
            {
                var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
                {
                    for (int i = 0; !stop.IsCancellationRequested; i++)
                    {
                        try
                        {
                            using var response = await http.PostAsJsonAsync("/recommend", new { userId = $"u{1 + (c * 7 + i) % 12:00}", k = 5, pipeline = "recommend" });
                            if (!response.IsSuccessStatusCode) failures.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                            else if (ItemKnnVersions(await response.Content.ReadFromJsonAsync<JsonElement>()) is not [1 or 2])
                                failures.Enqueue($"a response does not name one itemknn version in its models: {await response.Content.ReadAsStringAsync()}");
                            else Interlocked.Increment(ref served);
                        }
                        catch (HttpRequestException e)
                        {
                            failures.Enqueue(e.Message);
                        }
                    }
                })).ToList();
                await Post(http, "/admin/models/promote", new { model = Model, version = 2 }, HttpStatusCode.OK);
                for (; moves < 6; moves++)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(700));
                    if (moves % 2 == 0) await Post(http, "/admin/models/promote", new { model = Model, version = 1 }, HttpStatusCode.OK);
                    else await Post(http, "/admin/models/rollback", new { model = Model }, HttpStatusCode.OK);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(700));
                stop.Cancel();
                await Task.WhenAll(clients);
            }
            output.WriteLine($"{served} served, {moves} alias moves");
            await Post(http, "/admin/models/promote", new { model = Model, version = 9 }, HttpStatusCode.BadRequest);
            await Post(http, "/admin/models/promote", new { model = "nope/itemknn", version = 1 }, HttpStatusCode.NotFound);
            Assert.Equal(2, await ServedVersion(http, 2)); // the stage's debug names the version that scored
            await Post(http, "/admin/models/promote", new { model = Model, version = 1 }, HttpStatusCode.OK);
            Assert.Equal(1, await ServedVersion(http, 1));
            await Post(http, "/admin/models/rollback", new { model = Model }, HttpStatusCode.OK);
            Assert.Equal(2, await ServedVersion(http, 2));
            var health = await http.GetFromJsonAsync<JsonElement>("/health");
            int exit = server.Stop(TimeSpan.FromSeconds(15));

            Assert.True(failures.IsEmpty, $"{failures.Count} failed: {string.Join("\n", failures.Take(5))}\n{server.StandardError}");
            Assert.True(served > 0);
            Assert.False(health.TryGetProperty("pluginProblems", out _), health.ToString());
            Assert.Equal(0, exit);

            string list = CliRun.Of("models", "list", "--data", data).AssertOk();
            Assert.Contains(Model, list);
            Assert.Matches(@"v2 .*<- production", list); // after promote 2, then three (promote 1, rollback) pairs
            Assert.Contains("(pinned)", list);
            Assert.Contains("'production' moved from version 2 to 1", CliRun.Of("models", "promote", "--data", data, "--model", Model, "--version", "1").AssertOk());
            Assert.Contains("rolled back from version 1 to 2", CliRun.Of("models", "rollback", "--data", data, "--model", Model).AssertOk());
            Assert.Contains("no model named 'x/itemknn'", CliRun.Of("models", "promote", "--data", data, "--model", "x/itemknn", "--version", "1").AssertOneLineFailure(2));
            Assert.Contains("no version 7", CliRun.Of("models", "promote", "--data", data, "--model", Model, "--version", "7").AssertOneLineFailure(2));
            Assert.Contains("--version must be a version number", CliRun.Of("models", "pin", "--data", data, "--model", Model, "--version", "latest").AssertOneLineFailure(2));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The itemknn model version the stage scored with, asked until it is <paramref name="expected"/> (the poll interval is 2 s) or 20 s pass.</summary>
    private static async Task<int?> ServedVersion(HttpClient http, int expected)
    {
        int? seen = null;
        for (var started = DateTime.UtcNow; DateTime.UtcNow - started < TimeSpan.FromSeconds(20); await Task.Delay(200))
        {
            var body = await (await http.PostAsJsonAsync("/recommend", new { userId = "u05", k = 5, pipeline = "recommend", explain = true })).Content.ReadFromJsonAsync<JsonElement>();
            var versions = body.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("debug").EnumerateArray())
                .Select(d => System.Text.RegularExpressions.Regex.Match(d.GetString()!, @"^itemknn: cf .*\(model v(\d+)\)$"))
                .Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
            Assert.True(versions.Count <= 1, $"one response scored by versions {string.Join(", ", versions)}");
            Assert.Equal(versions, ItemKnnVersions(body)); // the response's models name the version that scored
            seen = versions.Count == 1 ? versions[0] : null;
            if (seen == expected) return seen;
        }
        return seen;
    }

    /// <summary>The versions of <see cref="Model"/> the response's <c>models</c> metadata names.</summary>
    private static List<int> ItemKnnVersions(JsonElement body) =>
        body.GetProperty("models").EnumerateArray().Where(m => m.GetProperty("model").GetString() == Model)
            .Select(m => m.GetProperty("version").GetInt32()).ToList();

    private static async Task Post(HttpClient http, string path, object body, HttpStatusCode expected)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
