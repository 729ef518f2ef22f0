using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Tests.Cli;
using LuceneReco.Host.Tests.Pipelines;

namespace LuceneReco.Host.Tests.FeatureLog;

/// <summary>
/// The built-in plugins as the host loads them: a pipeline with the "features" stage, a "learned" linear model over two of its
/// features, and a feature log; 'recommend' serves one list, explained, and the log holds it with the extracted features. The budgets
/// are generous: a one-shot CLI run pays for loading and compiling the plugins within its first request.
/// </summary>
public sealed class FeaturesThroughTheCliTests : IDisposable
{
    private readonly TestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Recommend_FeaturesLearnedAndLog_ServesExplainsAndLogsTheList()
    {
        string index = _files.PathOf("index");
        SampleIndex.Build(index);
        string data = _files.PathOf("data");
        Directory.CreateDirectory(Path.Combine(data, "learned"));
        File.WriteAllText(Path.Combine(data, "learned", "linear.json"),
            """{"type": "linear", "features": ["bm25.title", "overlap.tags"], "weights": [1.0, 2.0], "bias": 0}""");
        string log = _files.PathOf("served.db");
        string config = _files.Write("config.json", """
            {"defaultPipeline": "p", "recommendPipeline": "p",
             "pipelines": {"p": {
               "recall": [{"source": "search", "size": 20}],
               "stages": [{"ranker": "features", "budgetMs": 20000, "options": {"textFields": "title,body", "keywordFields": "tags"}},
                          {"ranker": "learned", "budgetMs": 20000, "options": {"model": "linear.json", "format": "linear"}}],
               "featureLog": {"path": "LOG"}}}}
            """.Replace("LOG", log.Replace("\\", "\\\\", StringComparison.Ordinal), StringComparison.Ordinal));
        var output = CliRun.Of("recommend", "--index", index, "--data", data, "--config", config, "--user", "u1", "--recent", "b001",
            "--query", "orbit station", "--k", "3", "--explain").AssertOk();
        Assert.True(output.Contains("learned: ranked up by:", StringComparison.Ordinal), output);

        var list = Assert.Single(SqliteFeatureLog.OpenFile(log).ReadAll());
        Assert.Equal("u1", list.UserId);
        Assert.Equal(3, list.Items.Count);
        var top = list.Items[0].Features;
        foreach (string feature in new[] { "bm25.title", "tfidf.body", "length.title", "overlap.tags", "score.search", "search.rank", "learned.score", "ctx.hour" })
            Assert.True(top.ContainsKey(feature), $"{feature} missing from {string.Join(", ", top.Keys)}");
        Assert.True(top["bm25.title"] > 0);
    }
}
