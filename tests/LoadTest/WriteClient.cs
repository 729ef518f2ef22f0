using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace LuceneReco.LoadTest;

/// <summary>
/// One writer loop of the soak: alternately <c>PUT /items</c> (one new item, a seeded mix of the workload's words) and
/// <c>POST /events</c> (two events of a load user on catalogue items), one request at a time, until stopped. Remembers
/// every item the server acknowledged, so the run can check afterwards that none was lost. Not thread-safe: one task per client.
/// </summary>
internal sealed class WriteClient(HttpClient http, int client, int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Client-side latency of every finished <c>PUT /items</c>, in milliseconds.</summary>
    public List<double> PutMs { get; } = [];

    /// <summary>Client-side latency of every finished <c>POST /events</c>, in milliseconds.</summary>
    public List<double> EventMs { get; } = [];

    /// <summary>Ids of the items the server answered 200 for.</summary>
    public List<string> Acknowledged { get; } = [];

    /// <summary>Failed requests by reason.</summary>
    public Dictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>Sends writes until <paramref name="stop"/> is cancelled; a request in flight is finished, not abandoned.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        for (int i = 0; !stop.IsCancellationRequested; i++)
        {
            bool put = i % 2 == 0;
            string id = string.Create(CultureInfo.InvariantCulture, $"soak-{client}-{i}");
            using var content = new StringContent(put ? ItemJson(id) : EventsJson(), Encoding.UTF8, "application/json");
            var started = Stopwatch.GetTimestamp();
            string? problem = null;
            try
            {
                using var response = put ? await http.PutAsync("/items", content, CancellationToken.None).ConfigureAwait(false)
                    : await http.PostAsync("/events", content, CancellationToken.None).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) problem = $"{(put ? "PUT /items" : "POST /events")}: HTTP {(int)response.StatusCode}";
                else if (put) Acknowledged.Add(id);
            }
            catch (HttpRequestException e)
            {
                problem = "transport: " + e.Message;
            }
            catch (TaskCanceledException)
            {
                problem = $"timed out after {http.Timeout.TotalSeconds:0} s";
            }
            (put ? PutMs : EventMs).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (problem is not null) Failures[problem] = Failures.GetValueOrDefault(problem) + 1;
        }
    }

    private string ItemJson(string id)
    {
        var words = new StringBuilder();
        for (int w = 0; w < 12; w++) words.Append(w == 0 ? "" : " ").Append(LoadWorkload.Queries[_random.Next(LoadWorkload.Queries.Count)]);
        return $$"""{"id":"{{id}}","title":"soak {{id}}","body":"{{words}}","category":"books"}""";
    }

    private string EventsJson()
    {
        string user = LoadWorkload.User(_random.Next(LoadWorkload.Users));
        string a = "b" + (1 + _random.Next(70)).ToString("000", CultureInfo.InvariantCulture), b = "f" + (1 + _random.Next(60)).ToString("000", CultureInfo.InvariantCulture);
        return $$"""[{"userId":"{{user}}","itemId":"{{a}}"},{"userId":"{{user}}","itemId":"{{b}}"}]""";
    }
}
