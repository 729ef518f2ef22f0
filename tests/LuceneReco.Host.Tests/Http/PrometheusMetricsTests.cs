using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace LuceneReco.Host.Tests.Http;

/// <summary><c>GET /metrics/prometheus</c> is the Prometheus text format, line by line, with the server's real figures.</summary>
public sealed partial class PrometheusMetricsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Prometheus_EveryLineParses_AndCountsTheRequestsMade()
    {
        for (int i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/search?q=orbit&k=2&pipeline=reversed")).StatusCode);
        var response = await server.Client.GetAsync("/metrics/prometheus");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        Assert.EndsWith("\n", text);

        var typed = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.TrimEnd('\n').Split('\n'))
        {
            if (Comment().Match(line) is { Success: true } comment)
            {
                if (comment.Groups["kind"].Value == "TYPE")
                    Assert.True(typed.TryAdd(comment.Groups["name"].Value, comment.Groups["rest"].Value), $"a second TYPE for {comment.Groups["name"].Value}");
                continue;
            }
            var sample = Sample().Match(line);
            Assert.True(sample.Success, $"not a sample line: '{line}'");
            var name = sample.Groups["name"].Value;
            Assert.True(typed.ContainsKey(name), $"{name} has no TYPE line before its samples");
            Assert.Contains(typed[name], new[] { "counter", "gauge" });
            Assert.True(samples.TryAdd(name + sample.Groups["labels"].Value, double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture)), $"a repeated sample: {line}");
        }
        Assert.True(samples["lucenereco_http_requests_total{endpoint=\"GET /search\"}"] >= 3);
        Assert.True(samples["lucenereco_stage_runs_total{pipeline=\"reversed\",stage=\"reverse\"}"] >= 3);
        Assert.True(samples["lucenereco_http_request_duration_seconds{endpoint=\"GET /search\",quantile=\"0.99\"}"] > 0);
        Assert.True(samples["lucenereco_index_documents"] >= 199);
        Assert.True(samples["lucenereco_process_working_set_bytes"] > 0);
    }

    [GeneratedRegex("""^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.+)$""")]
    private static partial Regex Comment();

    /// <summary>name, optional {label="value",...} with escaped values, one space, a float (or NaN, +Inf, -Inf).</summary>
    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*")*\})? (?<value>-?[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|[+-]Inf)$""")]
    private static partial Regex Sample();
}
