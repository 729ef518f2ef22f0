using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace LuceneReco.LoadTest;

/// <summary>
/// The cost of the plugin stage over bare recall: the same <c>GET /search</c> queries, one at a time, against
/// the <c>bare</c> pipeline (no stages) and the <c>staged</c> one (the <c>good</c> stage), alternating which
/// goes first. Records the client's latency and the server's own <c>tookMs</c> (time in the pipeline).
/// </summary>
/// <param name="BareClient">Client-side latency, bare pipeline (ms).</param>
/// <param name="StagedClient">Client-side latency, staged pipeline (ms).</param>
/// <param name="BareServer">The server's <c>tookMs</c>, bare pipeline.</param>
/// <param name="StagedServer">The server's <c>tookMs</c>, staged pipeline.</param>
public sealed record BaselineComparison(LatencySummary BareClient, LatencySummary StagedClient, LatencySummary BareServer, LatencySummary StagedServer)
{
    /// <summary>Warms both pipelines up (every query must have hits), then compares them for <paramref name="duration"/>.</summary>
    /// <exception cref="InvalidOperationException">A query found nothing or a request failed: the comparison would not measure what it says.</exception>
    public static async Task<BaselineComparison> RunAsync(HttpClient http, TimeSpan duration)
    {
        foreach (var query in LoadWorkload.Queries)
        {
            foreach (var pipeline in new[] { LoadWorkload.Bare, LoadWorkload.Staged })
            {
                var (_, _, hits) = await SearchAsync(http, query, pipeline).ConfigureAwait(false);
                if (hits == 0) throw new InvalidOperationException($"the query '{query}' found nothing in pipeline '{pipeline}'");
            }
        }

        List<double> bareClient = [], stagedClient = [], bareServer = [], stagedServer = [];
        var started = Stopwatch.GetTimestamp();
        for (int round = 0; Stopwatch.GetElapsedTime(started) < duration; round++)
        {
            var query = LoadWorkload.Queries[round % LoadWorkload.Queries.Count];
            bool bareFirst = round / LoadWorkload.Queries.Count % 2 == 0;
            foreach (var bare in bareFirst ? new[] { true, false } : [false, true])
            {
                var (client, server, _) = await SearchAsync(http, query, bare ? LoadWorkload.Bare : LoadWorkload.Staged).ConfigureAwait(false);
                (bare ? bareClient : stagedClient).Add(client);
                (bare ? bareServer : stagedServer).Add(server);
            }
        }
        return new BaselineComparison(LatencySummary.Of(bareClient), LatencySummary.Of(stagedClient), LatencySummary.Of(bareServer), LatencySummary.Of(stagedServer));
    }

    private static async Task<(double ClientMs, double ServerMs, int Hits)> SearchAsync(HttpClient http, string query, string pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync($"/search?k=10&pipeline={pipeline}&q={Uri.EscapeDataString(query)}").ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false);
        double clientMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"/search '{query}' in '{pipeline}': HTTP {(int)response.StatusCode} {body}");
        if (body.GetProperty("skippedStages").GetArrayLength() > 0) throw new InvalidOperationException($"/search '{query}' in '{pipeline}' skipped a stage: {body}");
        return (clientMs, body.GetProperty("tookMs").GetDouble(), body.GetProperty("items").GetArrayLength());
    }
}
