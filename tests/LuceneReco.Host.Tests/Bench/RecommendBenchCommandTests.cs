using System.Text.Json;
using LuceneReco.Host.Tests.Cli;

namespace LuceneReco.Host.Tests.Bench;

/// <summary>
/// <c>bench recommend</c> on a real 200-item index: it reports sane figures and writes them as summary.json, and bad
/// input fails with one line. No assertion is about speed: that is measured in docs/benchmarks.md, never here.
/// </summary>
public sealed class RecommendBenchCommandTests
{
    [Fact]
    public void BenchRecommend_SmallIndex_TimesEveryUserOnce_WithTheCalibratedCandidateCount()
    {
        using var data = new CatalogueEvents();
        string output = data.Files.PathOf("out");
        // more users than there are, all of them calibrating: the timed requests are the calibration's last round
        var stdout = CliRun.Of(["bench", "recommend", "--index", data.Index, "--interactions", data.InteractionsFile, "--recall", "60",
            "--users", "1000", "--calibration-users", "1000", "--out", output, .. CatalogueEvents.Fast]).AssertOk();

        Assert.Contains("pipeline 'recommend' on 200 items", stdout);
        Assert.Contains("candidates reaching the stages: mean ", stdout);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(data.Users, root.GetProperty("users").GetInt32());
        Assert.Equal(data.Users, root.GetProperty("interaction_users").GetInt32());
        Assert.True(root.GetProperty("min_candidates").GetInt32() > 0, "every user should get candidates");
        Assert.True(root.GetProperty("mean_candidates").GetDouble() >= 60, $"calibrated mean below --recall: {root}");
        Assert.True(root.GetProperty("training_seconds").GetDouble() > 0);

        var sizes = root.GetProperty("recall_sizes").EnumerateArray().ToList();
        Assert.Equal(["als", "itemknn", "profile", "semantic-profile"], sizes.Select(s => s.GetProperty("source").GetString()));
        Assert.All(sizes, s => Assert.True(s.GetProperty("size").GetInt32() < s.GetProperty("pipeline_size").GetInt32(), "60 candidates need smaller sizes than 300/300/200"));

        AssertOrdered(root.GetProperty("request"), data.Users);
        AssertOrdered(root.GetProperty("recall"), data.Users);
        var stages = root.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["als-rerank", "itemknn-rerank"], stages.Select(s => s.GetProperty("stage").GetString()));
        Assert.All(stages, s => AssertOrdered(s.GetProperty("latency"), data.Users));
        Assert.Empty(root.GetProperty("skipped").EnumerateObject());
        var sources = root.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(["als", "itemknn", "profile", "semantic-profile"], sources.Select(s => s.GetProperty("stage").GetString()));
        Assert.All(sources, s => AssertOrdered(s.GetProperty("latency"), data.Users));
        Assert.Contains("  source profile ", stdout);
        Assert.True(root.GetProperty("allocated_bytes_per_request").GetDouble() > 0);
        AssertOrdered(root.GetProperty("thread_allocated_bytes"), data.Users);
        Assert.Contains("allocated per request: ", stdout);
        Assert.True(root.GetProperty("cpu_ms_per_request").GetDouble() > 0);
        Assert.True(root.GetProperty("heap_bytes").GetInt64() > 0);
        Assert.True(root.GetProperty("peak_rss_bytes").GetInt64() >= root.GetProperty("rss_bytes").GetInt64());
    }

    [Fact]
    public void BenchRecommend_WithTrainedModels_DoesNotTrain_AndSamplesTheAskedUsers()
    {
        using var data = new CatalogueEvents();
        string models = data.Files.PathOf("models");
        CliRun.Of("train", "--interactions", data.InteractionsFile, "--data", models, "--factors", "8", "--iterations", "3").AssertOk();
        string output = data.Files.PathOf("out");
        CliRun.Of(["bench", "recommend", "--index", data.Index, "--interactions", data.InteractionsFile, "--models", models,
            "--recall", "40", "--users", "12", "--out", output, "--warmup", "3"]).AssertOk();

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal(0, root.GetProperty("training_seconds").GetDouble());
        Assert.Equal(12, root.GetProperty("users").GetInt32());
        Assert.True(root.GetProperty("mean_candidates").GetDouble() > 0);
        AssertOrdered(root.GetProperty("request"), 12);
    }

    [Fact]
    public void BenchRecommend_MissingInputsAndBadNumbers_AreAllNamedOnOneLine()
    {
        using var files = new TestFiles();
        var line = CliRun.Of("bench", "recommend", "--index", files.PathOf("no-index"), "--interactions", files.PathOf("no.tsv"),
            "--models", files.PathOf("no-models"), "--users", "0", "--recall", "20000").AssertOneLineFailure(2);
        Assert.Contains("index directory", line);
        Assert.Contains("interactions file", line);
        Assert.Contains("data directory", line);
        Assert.Contains("--users must be 1 to", line);
        Assert.Contains("--recall must be 1 to", line);
    }

    [Fact]
    public void BenchRecommend_UnknownPipeline_ExitsWithCode2()
    {
        using var data = new CatalogueEvents();
        var line = CliRun.Of("bench", "recommend", "--index", data.Index, "--interactions", data.InteractionsFile, "--pipeline", "nope")
            .AssertOneLineFailure(2);
        Assert.Contains("unknown pipeline 'nope' (pipelines: recommend)", line);
    }

    [Fact]
    public void BenchRecommend_BadConfigFile_NamesTheFile_NotAnUnknownPipeline()
    {
        using var data = new CatalogueEvents();
        var config = data.Files.Write("pipelines.json", """{"pipelines": {"p": {"recall": [{"source": "no where"}]}}, "defaultPipeline": "p"}""");
        var line = CliRun.Of("bench", "recommend", "--index", data.Index, "--interactions", data.InteractionsFile, "--config", config, "--pipeline", "p")
            .AssertOneLineFailure(2);
        Assert.Contains("pipelines.json: ", line);
        Assert.Contains("source must be a built-in source (search, similar, profile, semantic, semantic-similar, semantic-profile, newest) or a plugin's name", line);
        Assert.DoesNotContain("unknown pipeline", line);
    }

    [Fact]
    public void BenchRecommend_EmptyInteractionsFile_ExitsWithCode2()
    {
        using var data = new CatalogueEvents();
        var empty = data.Files.Write("empty.tsv", "# nothing yet\n");
        var line = CliRun.Of("bench", "recommend", "--index", data.Index, "--interactions", empty).AssertOneLineFailure(2);
        Assert.Contains("has no events", line);
    }

    /// <summary>Asserts a latency summary counted <paramref name="count"/> requests and its figures are ordered: 0 &lt; p50 &lt;= p90 &lt;= p99 &lt;= max, mean &lt;= max.</summary>
    private static void AssertOrdered(JsonElement stats, int count)
    {
        Assert.Equal(count, stats.GetProperty("count").GetInt32());
        double p50 = stats.GetProperty("p50").GetDouble(), p90 = stats.GetProperty("p90").GetDouble(), p99 = stats.GetProperty("p99").GetDouble();
        double max = stats.GetProperty("max").GetDouble(), mean = stats.GetProperty("mean").GetDouble();
        Assert.True(p50 > 0 && p50 <= p90 && p90 <= p99 && p99 <= max && mean <= max, $"not ordered: {stats}");
    }
}
