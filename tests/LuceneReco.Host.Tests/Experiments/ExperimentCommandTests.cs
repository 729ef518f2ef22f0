using System.Text.Json;
using LuceneReco.Host.Experiments;
using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Experiments;

/// <summary><c>lucenereco experiment report</c> over a feature log and an interactions file, and the same figures in <c>/metrics</c>.</summary>
public sealed class ExperimentCommandTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Writes a config, a log with 30 interleaved lists (B clicked in 20, A in 5, nothing in 5) and 10 own lists, and their events.</summary>
    private (string Config, string Log, string Events) Setup()
    {
        string log = _files.PathOf("served.db");
        string config = _files.Write("config.json", """
            {"defaultPipeline": "prod",
             "pipelines": {"prod": {"recall": [{"source": "search"}], "featureLog": {"path": "LOG"}},
                           "next": {"recall": [{"source": "profile"}]}},
             "experiments": {"x": {"control": "prod", "candidate": "next", "traffic": 0.5}}}
            """.Replace("LOG", log.Replace("\\", "\\\\", StringComparison.Ordinal), StringComparison.Ordinal));
        var feature = SqliteFeatureLog.OpenFile(log);
        var events = new System.Text.StringBuilder();
        for (int u = 0; u < 30; u++)
        {
            feature.Append(ExperimentReportTests.Interleaved("u" + u, T0, ("a" + u, Variant.A), ("b" + u, Variant.B)));
            string? clicked = u < 20 ? "b" + u : u < 25 ? "a" + u : null;
            if (clicked is not null) events.Append($$"""{"userId": "u{{u}}", "itemId": "{{clicked}}", "kind": "click", "timestamp": "{{T0.AddMinutes(2):O}}"}""").Append('\n');
        }
        for (int u = 30; u < 40; u++)
        {
            feature.Append(ExperimentReportTests.Own("u" + u, T0, "a" + u));
            if (u < 33) events.Append($$"""{"userId": "u{{u}}", "itemId": "a{{u}}", "kind": "click", "timestamp": "{{T0.AddMinutes(2):O}}"}""").Append('\n');
        }
        return (config, log, _files.Write("events.jsonl", events.ToString()));
    }

    [Fact]
    public void Report_LogAndEvents_PrintsWinsRatesPValuesAndUsersNeeded()
    {
        var (config, _, events) = Setup();
        var output = CliRun.Of("experiment", "report", "--config", config, "--interactions", events).AssertOk();
        log.WriteLine(output);

        Assert.Contains("experiment 'x': control 'prod' (A) against candidate 'next' (B), teamDraft, 50% of the control's users", output);
        Assert.Contains("B preferred in 20 lists, A in 5, 0 ties, 5 without a click; B's share 80.0%, sign test p = 0.0041", output); // 2 P(X <= 5 | 25) = 0.00408
        Assert.Contains("click-through: control alone 30.0% of 10 lists (10 users); interleaved 83.3% of 30 lists (30 users)", output);
        Assert.Contains("783 preferences to detect B winning 55%", output);
        Assert.Contains("by user (each user once): B preferred by 20 users, A by 5; sign test p = 0.0041", output);
    }

    [Fact]
    public void Report_Json_GivesTheSummaryWithTheSignTest()
    {
        var (config, _, events) = Setup();
        var output = CliRun.Of("experiment", "report", "--config", config, "--interactions", events, "--experiment", "x", "--json").AssertOk();
        using var json = JsonDocument.Parse(output);
        var x = json.RootElement[0];
        Assert.Equal("x", x.GetProperty("experiment").GetString());
        Assert.Equal(20, x.GetProperty("interleaving").GetProperty("wins").GetInt64());
        Assert.Equal(Statistics.SignTestP(20, 5), x.GetProperty("interleaving").GetProperty("p").GetDouble(), 12);
    }

    [Theory]
    [InlineData("--experiment", "nope", "no experiment named 'nope' (experiments: x)")]
    [InlineData("--effect", "0.7", "--effect must be above 0 and below 0.5, got 0.7")]
    public void Report_BadArguments_OneLineUsageError(string option, string value, string message)
    {
        var (config, _, events) = Setup();
        var line = CliRun.Of("experiment", "report", "--config", config, "--interactions", events, option, value).AssertOneLineFailure(2);
        Assert.Contains(message, line);
    }

    [Fact]
    public void Metrics_ConfiguredExperiment_SameFiguresAsTheReport()
    {
        var (configFile, _, events) = Setup();
        var (config, errors) = ServingConfigParser.Parse(File.ReadAllText(configFile));
        Assert.Empty(errors);
        var store = new InMemoryInteractionStore();
        ((IInteractionStore)store).AddRange(InteractionFiles.ReadAll(events, T0));
        var figures = ExperimentMetrics.For(config!, store, _ => { })!;
        var x = figures["x"];
        Assert.Equal((20L, 5L, 5L), (x.Interleaving.Wins, x.Interleaving.Losses, x.Interleaving.NoClick));
        Assert.Equal(new RateFigures(10, 10, 3, 0), x.ControlOwn);
        Assert.Null(ExperimentMetrics.For(config! with { Experiments = new Dictionary<string, ExperimentSettings>() }, store, _ => { }));
    }
}
