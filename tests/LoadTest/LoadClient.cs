using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LuceneReco.LoadTest;

/// <summary>
/// One client loop: alternately <c>GET /search</c> and <c>POST /recommend</c> on the default (staged) pipeline
/// with <c>explain=true</c>, one request at a time, until stopped; queries and users are picked from a seeded
/// random. Each response is checked with <see cref="StagedResponse"/>. Not thread-safe: one task per client.
/// </summary>
internal sealed class LoadClient(HttpClient http, int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Client-side latency of every finished request to /search, in milliseconds.</summary>
    public List<double> SearchMs { get; } = [];

    /// <summary>Client-side latency of every finished request to /recommend, in milliseconds.</summary>
    public List<double> RecommendMs { get; } = [];

    /// <summary>Failed requests by reason.</summary>
    public Dictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>Responses served by GoodRanker v1.</summary>
    public long V1 { get; private set; }

    /// <summary>Responses served by GoodRanker v2.</summary>
    public long V2 { get; private set; }

    /// <summary>Sends requests until <paramref name="stop"/> is cancelled; a request in flight is finished, not abandoned.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        for (long i = 0; !stop.IsCancellationRequested; i++)
        {
            bool search = i % 2 == 0;
            using var request = search ? Search() : Recommend();
            var started = Stopwatch.GetTimestamp();
            string? problem;
            int? version = null;
            try
            {
                using var response = await http.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) problem = $"HTTP {(int)response.StatusCode}";
                else (version, problem) = StagedResponse.Inspect(await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None).ConfigureAwait(false));
            }
            catch (HttpRequestException e)
            {
                problem = "transport: " + e.Message;
            }
            catch (TaskCanceledException)
            {
                problem = $"timed out after {http.Timeout.TotalSeconds:0} s";
            }
            catch (JsonException e)
            {
                problem = "unreadable body: " + e.Message;
            }
            (search ? SearchMs : RecommendMs).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (problem is null && version == 1) V1++;
            else if (problem is null && version == 2) V2++;
            else Failures[problem ?? $"served by an unknown version {version}"] = Failures.GetValueOrDefault(problem ?? $"served by an unknown version {version}") + 1;
        }
    }

    private HttpRequestMessage Search() =>
        new(HttpMethod.Get, "/search?k=10&explain=true&q=" + Uri.EscapeDataString(LoadWorkload.Queries[_random.Next(LoadWorkload.Queries.Count)]));

    private HttpRequestMessage Recommend()
    {
        var body = $$"""{"userId":"{{LoadWorkload.User(_random.Next(LoadWorkload.Users))}}","k":10,"explain":true}""";
        return new HttpRequestMessage(HttpMethod.Post, "/recommend") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
