using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Tests.EndToEnd;
using LuceneReco.Host.Tests.Pipelines;
using LuceneReco.Index;
using LuceneReco.LoadTest;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.Durability;

/// <summary>
/// A full disk, for real: a <c>lucenereco serve</c> process over an index and store on an 8 MB tmpfs that is then filled.
/// Writes answer 507 with a problem saying so, <c>/health</c> says degraded, health and writes come back by themselves when
/// the space returns, SIGTERM exits 0, and every acknowledged write is there afterwards (none of the refused ones).
/// Skipped, with a message, where mounting a tmpfs is refused (not root, not Linux).
/// </summary>
[Collection(ServerProcessCollection.Name)]
public sealed class DiskFullTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Writes_DiskFull_Answer507_HealthDegraded_ThenRecover_AndSigtermExitsZero()
    {
        using var disk = SmallTmpfs.TryMount(_files.PathOf("tmpfs"), "8m", out var why);
        if (disk is null)
        {
            output.WriteLine("skipped: " + why);
            return;
        }
        string index = Path.Combine(disk.Path, "index"), store = Path.Combine(disk.Path, "events.db");
        SampleIndex.Build(index);
        Directory.CreateDirectory(_files.PathOf("no-plugins"));
        var acknowledged = new List<string>();
        var refused = new List<string>();
        int eventsAcknowledged = 0;
        int exitCode;
        using (var server = await ServerProcess.StartAsync(BuildOutputs.HostDll,
            ["--index", index, "--store", store, "--plugins", _files.PathOf("no-plugins"), "--urls", "http://127.0.0.1:0"], TimeSpan.FromSeconds(60)))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            Assert.Equal(HttpStatusCode.OK, (await PutItems(http, "before", 5, acknowledged)).Status);
            Assert.Equal(HttpStatusCode.OK, await PostEvents(http, "before"));
            eventsAcknowledged += 10;

            string filler = disk.Fill();
            var (status, problem) = await PutItems(http, "full", 50, acknowledged);
            Assert.True(status == HttpStatusCode.InsufficientStorage, $"expected 507 on a full disk, got {(int)status}: {problem}\n{server.StandardError}");
            refused.AddRange(Enumerable.Range(0, 50).Select(i => Id("full", i)));
            Assert.Contains("is full", problem, StringComparison.Ordinal);
            var events = await PostEvents(http, "full"); // SQLite may still have room in its log's pages; either way it must be truthful
            Assert.True(events is HttpStatusCode.OK or HttpStatusCode.InsufficientStorage, $"events on a full disk: {(int)events}");
            if (events == HttpStatusCode.OK) eventsAcknowledged += 10;
            var health = await Json(http, "/health");
            Assert.Equal("degraded", health.GetProperty("status").GetString());
            Assert.Contains("full", health.GetProperty("writeError").GetString(), StringComparison.Ordinal);

            File.Delete(filler);
            health = await Json(http, "/health");
            Assert.True(health.GetProperty("status").GetString() == "ok", health.GetRawText());
            Assert.Equal(HttpStatusCode.OK, (await PutItems(http, "after", 5, acknowledged)).Status);
            Assert.Equal(HttpStatusCode.OK, await PostEvents(http, "after"));
            eventsAcknowledged += 10;

            disk.Fill(); // full again at the stop: the stop must still be clean
            exitCode = server.Stop(TimeSpan.FromSeconds(60));
            output.WriteLine(server.StandardError);
        }
        Assert.Equal(0, exitCode);
        using var reader = IndexReader.Open(index);
        Assert.All(acknowledged, id => Assert.True(reader.DocOf(id) >= 0, $"acknowledged item {id} is missing"));
        Assert.All(refused, id => Assert.True(reader.DocOf(id) < 0, $"refused item {id} was kept"));
        using var events2 = SqliteInteractionStore.Open(store);
        Assert.Equal(eventsAcknowledged, events2.Count);
    }

    private static string Id(string phase, int i) => $"{phase}-{i.ToString("000", CultureInfo.InvariantCulture)}";

    private static async Task<(HttpStatusCode Status, string Body)> PutItems(HttpClient http, string phase, int count, List<string> acknowledged)
    {
        var items = Enumerable.Range(0, count).Select(i =>
            $$"""{"id":"{{Id(phase, i)}}","title":"disk full {{phase}} {{i}}","body":"{{string.Concat(Enumerable.Repeat("padding words for a bigger segment ", 40))}}"}""");
        using var response = await http.PutAsync("/items", new StringContent("[" + string.Join(",", items) + "]", Encoding.UTF8, "application/json"));
        string body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.OK) acknowledged.AddRange(Enumerable.Range(0, count).Select(i => Id(phase, i)));
        return (response.StatusCode, body);
    }

    private static async Task<HttpStatusCode> PostEvents(HttpClient http, string phase)
    {
        var events = Enumerable.Range(0, 10).Select(i => $$"""{"userId":"u-{{phase}}","itemId":"b{{(i + 1).ToString("000", CultureInfo.InvariantCulture)}}"}""");
        using var response = await http.PostAsync("/events", new StringContent("[" + string.Join(",", events) + "]", Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    private static async Task<JsonElement> Json(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
