using System.Text.Json;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Tests.Pipelines;

/// <summary>The pipeline configuration: the documented example parses; every problem of a bad one is reported at once.</summary>
public sealed class ServingConfigTests
{
    private const string Example = """
        {"defaultPipeline":"default","pipelines":{"default":{"recall":[{"source":"search","size":200},{"source":"profile","size":200,"weight":0.5},{"source":"similar","size":100}],"fusion":"rrf","rrfK":60,"stages":[{"ranker":"favourite-category","budgetMs":50,"options":{"boost":0.5}}]}}}
        """;

    [Fact]
    public void NoDefaultPipelineSetting_AndNoPipelineNamedDefault_SaysWhatTheDefaultIs()
    {
        var (config, errors) = ServingConfigParser.Parse("""{"pipelines": {"recommend": {"recall": [{"source": "profile", "size": 10}]}}}""");
        Assert.Null(config);
        Assert.Equal("defaultPipeline 'default' is not defined (pipelines: recommend); without a \"defaultPipeline\" setting it is 'default': name one of the pipelines there", Assert.Single(errors));
    }

    [Fact]
    public void For_ParsesRequestKinds_AndRefusesOthers()
    {
        var (config, _) = ServingConfigParser.Parse("""{"defaultPipeline":"p","pipelines":{"p":{"recall":[{"source":"search"},{"source":"itemknn","for":["similar","Recommend"]}]}}}""");
        Assert.Equal([RequestKind.Similar, RequestKind.Recommend], config!.Find(null)!.Recall[1].For);
        var (_, errors) = ServingConfigParser.Parse("""{"defaultPipeline":"p","pipelines":{"p":{"recall":[{"source":"itemknn","for":["browse"]}]}}}""");
        Assert.Contains("pipelines.p.recall[0].for: 'browse' is not a request kind (search, similar, recommend)", errors);
    }

    [Fact]
    public void Example_Parses_WithEverySetting()
    {
        var (config, errors) = ServingConfigParser.Parse(Example);
        Assert.Empty(errors);
        var pipeline = Assert.IsType<ServingConfig>(config).Find(null)!;
        Assert.Equal(["search", "profile", "similar"], pipeline.Recall.Select(r => r.Source));
        Assert.Equal([200, 200, 100], pipeline.Recall.Select(r => r.Size));
        Assert.Equal([1, 0.5, 1], pipeline.Recall.Select(r => r.Weight));
        Assert.Equal(FusionMethod.Rrf, pipeline.FusionMethod);
        Assert.Equal(60, pipeline.RrfK);
        var stage = Assert.Single(pipeline.Stages);
        Assert.Equal(("favourite-category", 50, "favourite-category"), (stage.Ranker, stage.BudgetMs, stage.StageName));
        Assert.Equal(JsonValueKind.Number, stage.Options!.Value.GetProperty("boost").ValueKind); // types survive, for the plugin
    }

    [Fact]
    public void BuiltIn_IsValid_SearchProfileSimilar_AndItemKnnForSimilarOnly_Rrf_NoStages()
    {
        var config = ServingConfig.BuiltIn;
        Assert.Empty(config.Validate());
        var pipeline = config.Find(null)!;
        Assert.Equal(["search", "profile", "similar", "itemknn"], pipeline.Recall.Select(r => r.Source));
        Assert.Equal([true, true, true, false], pipeline.Recall.Select(r => r.RunsFor(RequestKind.Search)));
        Assert.Equal([true, true, true, true], pipeline.Recall.Select(r => r.RunsFor(RequestKind.Similar)));
        Assert.Equal(FusionMethod.Rrf, pipeline.FusionMethod);
        Assert.Empty(pipeline.Stages);
    }

    [Fact]
    public void EveryProblem_IsReported_AtOnce()
    {
        var (config, errors) = ServingConfigParser.Parse("""
            {
              "defaultPipeline": "main",
              "pipelines": {
                "a": {
                  "recall": [ {"source":"tele pathy","size":10}, {"source":"search","size":0}, {"source":"similar","size":20000,"weight":-1} ],
                  "fusion": "average",
                  "stages": [ {"ranker":"x","budgetMs":0}, {"ranker":"y","budgetMs":-5,"allocationBudgetMb":0}, {"ranker":"z","allocationBudgetMb":20000} ]
                }
              }
            }
            """);
        Assert.Null(config);
        Assert.Equal(
        [
            "defaultPipeline 'main' is not defined (pipelines: a)",
            "pipelines.a.recall[0]: source must be a built-in source (search, similar, profile, semantic, semantic-similar, semantic-profile, newest) or a plugin's name (letters, digits, '-', '_' and '.'), got 'tele pathy'",
            "pipelines.a.recall[1]: size must be 1 to 10,000, got 0",
            "pipelines.a.recall[2]: size must be 1 to 10,000, got 20000",
            "pipelines.a.recall[2]: weight must be a positive number, got -1",
            "pipelines.a: unknown fusion 'average' (known: rrf, weighted)",
            "pipelines.a.stages[0]: budgetMs must be > 0, got 0",
            "pipelines.a.stages[1]: budgetMs must be > 0, got -5",
            "pipelines.a.stages[1]: allocationBudgetMb must be > 0, got 0",
            "pipelines.a.stages[2]: allocationBudgetMb must be at most 16384, got 20000",
        ], errors);
    }

    [Fact]
    public void ShadowLog_IsRead_AndItsMistakesNamed()
    {
        var (config, errors) = ServingConfigParser.Parse("""{"pipelines": {"default": {"recall": [{"source": "search"}]}}, "shadowLog": {"path": "logs/s.jsonl", "maxMegabytes": 8}}""");
        Assert.Empty(errors);
        Assert.Equal(("logs/s.jsonl", 8), (config!.ShadowLog!.Path, config.ShadowLog.MaxMegabytes));
        Assert.Empty(config.Validate());

        var (_, bad) = ServingConfigParser.Parse("""{"pipelines": {"default": {"recall": [{"source": "search"}]}}, "shadowLog": {"maxMegabytes": 0, "rotate": true}}""");
        Assert.Contains("shadowLog: unknown setting 'rotate' (known: path, maxMegabytes)", bad);
        var (_, invalid) = ServingConfigParser.Parse("""{"pipelines": {"default": {"recall": [{"source": "search"}]}}, "shadowLog": {"maxMegabytes": 0}}""");
        Assert.Contains("shadowLog.path must name a file", invalid);
        Assert.Contains("shadowLog.maxMegabytes must be 1 to 100,000, got 0", invalid);
    }

    [Fact]
    public void MissingDefault_NoPipelines_AndWrongTypes_AreReported()
    {
        var (_, errors) = ServingConfigParser.Parse("""{"pipelines":{}, "extra": 1}""");
        Assert.Contains("unknown setting 'extra' (known: defaultPipeline, recommendPipeline, pipelines, training, experiments, userCacheSize, shadowQueue, shadowLog)", errors);
        Assert.Contains("pipelines: no pipeline is defined", errors);

        (_, errors) = ServingConfigParser.Parse("""{"defaultPipeline":"p","pipelines":{"p":{"recall":[{"source":"search","size":"big"}],"rrfK":1.5,"stages":[{"budgetMs":10}]}}}""");
        Assert.Contains("pipelines.p.recall[0].size must be a whole number, got a string", errors);
        Assert.Contains("pipelines.p.rrfK must be a whole number, got 1.5", errors);
        Assert.Contains("pipelines.p.stages[0]: ranker is missing", errors);
    }

    [Fact]
    public void DuplicateSourcesAndStageNames_AreReported()
    {
        var (_, errors) = ServingConfigParser.Parse("""
            {"defaultPipeline":"p","pipelines":{"p":{"recall":[{"source":"search"},{"source":"search"}],
             "stages":[{"ranker":"r"},{"ranker":"r"},{"ranker":"search"}]}}}
            """);
        Assert.Contains("pipelines.p.recall[1]: source 'search' is listed twice", errors);
        Assert.Contains("pipelines.p.stages[1]: stage name 'r' is used twice; give one a \"name\"", errors);
        Assert.Contains("pipelines.p.stages[2]: stage name 'search' is also a recall source; give it a \"name\"", errors);
    }

    [Fact]
    public void MalformedJson_NamesTheLine()
    {
        var (config, errors) = ServingConfigParser.Parse("{\n \"defaultPipeline\": \"p\",\n \"pipelines\": {\n");
        Assert.Null(config);
        Assert.StartsWith("malformed JSON at line ", Assert.Single(errors));
    }

    [Fact]
    public async Task WatchedFile_IsReloadedOnChange_AndABadChangeKeepsThePrevious()
    {
        using var files = new TestFiles();
        var path = files.Write("pipelines.json", Example);
        var log = new List<string>();
        using var source = ServingConfigSource.Watch(path, line => { lock (log) log.Add(line); });
        Assert.Equal(1, source.Current.Version);

        File.WriteAllText(path, Example.Replace("\"rrfK\":60", "\"rrfK\":30"));
        await WaitFor(() => source.Current.Version == 2);
        Assert.Equal(30, source.Current.Config.Find(null)!.RrfK);
        Assert.Null(source.LastError);

        File.WriteAllText(path, Example.Replace("\"rrf\"", "\"average\""));
        await WaitFor(() => source.LastError is not null);
        Assert.Equal(2, source.Current.Version);
        Assert.Equal(30, source.Current.Config.Find(null)!.RrfK);
        Assert.Contains("unknown fusion 'average'", source.LastError);
        lock (log) Assert.Contains(log, l => l.StartsWith("rejected the changed pipelines.json, the previous configuration keeps serving: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Watch_InvalidFile_FailsWithEveryProblemOnOneLine()
    {
        using var files = new TestFiles();
        var path = files.Write("bad.json", """{"defaultPipeline":"x","pipelines":{"p":{"recall":[],"fusion":"max"}}}""");
        var e = Assert.Throws<ConfigException>(() => ServingConfigSource.Watch(path, _ => { }));
        Assert.Equal("bad.json: defaultPipeline 'x' is not defined (pipelines: p); pipelines.p: recall lists no source; pipelines.p: unknown fusion 'max' (known: rrf, weighted)", e.Message);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 100 && !condition(); i++) await Task.Delay(50);
        Assert.True(condition(), "the change was not picked up within 5 s");
    }
}
