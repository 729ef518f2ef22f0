using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LuceneReco.Host.Tests.EndToEnd;
using LuceneReco.LoadTest;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.Durability;

/// <summary>
/// A damaged model file that is the only version, in a real <c>lucenereco serve</c> on 127.0.0.1 with the built-in
/// collaborative plugin: requests keep being answered (without the model), <c>/health</c> says degraded and
/// names the file, and once <c>lucenereco train</c> writes a good version the server serves it and says ok again by itself.
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class DamagedModelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DamagedOnlyModel_HealthDegradedNamingTheFile_RequestsServed_ThenRecoversAfterTraining()
    {
        var work = Directory.CreateTempSubdirectory("lucenereco-damaged-model-").FullName;
        try
        {
            string host = BuildOutputs.HostDll;
            string index = Path.Combine(work, "index"), plugins = Path.Combine(work, "plugins"), data = Path.Combine(work, "data"), store = Path.Combine(work, "events.db");
            await SampleIndexAndStore(host, index, store);
            BuildOutputs.InstallPlugin(Path.Combine(Path.GetDirectoryName(host)!, "plugins", "collaborative"), plugins, "collaborative");
            await HostCommand.RunAsync(host, "train", "--store", store, "--plugins", plugins, "--data", data, "--model", "als");
            string model = Assert.Single(Directory.GetFiles(data, "als-v*.bin", SearchOption.AllDirectories));
            byte[] bytes = await File.ReadAllBytesAsync(model);
            bytes[^100] ^= 0xFF;
            await File.WriteAllBytesAsync(model, bytes);

            using var server = await ServerProcess.StartAsync(host,
                ["--index", index, "--plugins", plugins, "--data", data, "--store", store, "--urls", "http://127.0.0.1:0"], TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

            var served = await Recommend(http); // answered, from the content profile, while no als model loads
            Assert.NotEqual(0, served.GetProperty("items").GetArrayLength());
            output.WriteLine(served.GetRawText());
            var health = await http.GetFromJsonAsync<JsonElement>("/health");
            Assert.True(health.GetProperty("status").GetString() == "degraded", health.GetRawText());
            string problem = Assert.Single(health.GetProperty("pluginProblems").EnumerateArray()).GetString()!;
            Assert.StartsWith("als: ", problem, StringComparison.Ordinal);
            Assert.Contains(Path.GetFileName(model), problem, StringComparison.Ordinal);
            Assert.EndsWith("no model of this kind is loaded", problem, StringComparison.Ordinal);

            await HostCommand.RunAsync(host, "train", "--store", store, "--plugins", plugins, "--data", data, "--model", "als");
            var started = Stopwatch.GetTimestamp();
            while ((health = await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("status").GetString() != "ok"
                && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
                await Task.Delay(200);
            Assert.True(health.GetProperty("status").GetString() == "ok", health.GetRawText());
            Assert.False(health.TryGetProperty("pluginProblems", out _), health.GetRawText());
            served = await Recommend(http);
            Assert.True(served.GetProperty("plugins").TryGetProperty("als", out _), served.GetRawText());

            int exit = server.Stop(TimeSpan.FromSeconds(15));
            output.WriteLine(server.StandardError);
            Assert.Equal(0, exit);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task DamagedOnlyLearnedModel_StageSkipped_HealthAndMetricsNameTheFile_ThenRecoversWhenAGoodOneIsWritten()
    {
        var work = Directory.CreateTempSubdirectory("lucenereco-damaged-ltr-").FullName;
        try
        {
            string host = BuildOutputs.HostDll;
            string index = Path.Combine(work, "index"), data = Path.Combine(work, "data"), store = Path.Combine(work, "events.db"), config = Path.Combine(work, "pipelines.json");
            await SampleIndexAndStore(host, index, store);
            string model = Path.Combine(data, "learned", "ltr", "model.json");
            Directory.CreateDirectory(Path.GetDirectoryName(model)!);
            await File.WriteAllTextAsync(model, """{"type":"linear","features":["x"],"weights":[1],"bi"""); // cut short: the only version, damaged
            await File.WriteAllTextAsync(config, """
                {"defaultPipeline": "recommend", "pipelines": {"recommend": {
                  "recall": [{"source": "profile", "size": 50}],
                  "stages": [{"ranker": "learned", "name": "ltr", "budgetMs": 30000, "options": {"model": "ltr/model.json", "format": "linear"}}]}}}
                """);

            using var server = await ServerProcess.StartAsync(host,
                ["--index", index, "--data", data, "--store", store, "--config", config, "--urls", "http://127.0.0.1:0"], TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

            var served = await Recommend(http); // answered without the stage
            Assert.NotEqual(0, served.GetProperty("items").GetArrayLength());
            Assert.Contains("ltr", served.GetRawText(), StringComparison.Ordinal); // named among the skipped stages
            Assert.False(served.GetProperty("plugins").TryGetProperty("learned", out _), served.GetRawText());
            var health = await http.GetFromJsonAsync<JsonElement>("/health");
            Assert.True(health.GetProperty("status").GetString() == "degraded", health.GetRawText());
            string problem = Assert.Single(health.GetProperty("pluginProblems").EnumerateArray()).GetString()!;
            Assert.StartsWith("learned: no version serves", problem, StringComparison.Ordinal);
            Assert.Contains("model.json", problem, StringComparison.Ordinal);
            var metrics = await http.GetFromJsonAsync<JsonElement>("/metrics");
            Assert.Equal(problem, Assert.Single(metrics.GetProperty("pluginProblems").EnumerateArray()).GetString());
            Assert.Contains("lucenereco_plugin_problems 1", await http.GetStringAsync("/metrics/prometheus"), StringComparison.Ordinal);

            await File.WriteAllTextAsync(model, """{"type":"linear","features":["x"],"weights":[1],"bias":0}""");
            File.SetLastWriteTimeUtc(model, DateTime.UtcNow.AddSeconds(5));
            health = await http.GetFromJsonAsync<JsonElement>("/health"); // the check retries the changed file itself
            Assert.True(health.GetProperty("status").GetString() == "ok", health.GetRawText());
            Assert.Contains("lucenereco_plugin_problems 0", await http.GetStringAsync("/metrics/prometheus"), StringComparison.Ordinal);
            served = await Recommend(http);
            Assert.True(served.GetProperty("plugins").TryGetProperty("learned", out _), served.GetRawText());

            int exit = server.Stop(TimeSpan.FromSeconds(15));
            output.WriteLine(server.StandardError);
            Assert.Equal(0, exit);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The sample catalogue indexed into <paramref name="index"/> and the sample interactions imported into <paramref name="store"/>.</summary>
    private static async Task SampleIndexAndStore(string host, string index, string store)
    {
        await HostCommand.RunAsync(host, "index", "build", "--index", index, "--items", BuildOutputs.SampleCatalogue);
        await HostCommand.RunAsync(host, "interactions", "import", "--store", store, "--file", Path.Combine(BuildOutputs.RepositoryRoot, "samples", "interactions.tsv"));
    }

    private static async Task<JsonElement> Recommend(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/recommend", new { userId = "u01", k = 5, pipeline = "recommend" });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
