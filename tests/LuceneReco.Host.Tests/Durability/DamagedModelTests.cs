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
            await HostCommand.RunAsync(host, "index", "build", "--index", index, "--items", BuildOutputs.SampleCatalogue);
            await HostCommand.RunAsync(host, "interactions", "import", "--store", store, "--file", Path.Combine(BuildOutputs.RepositoryRoot, "samples", "interactions.tsv"));
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

    private static async Task<JsonElement> Recommend(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("/recommend", new { userId = "u01", k = 5, pipeline = "recommend" });
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
