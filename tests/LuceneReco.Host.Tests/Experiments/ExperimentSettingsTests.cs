using LuceneReco.Host.Experiments;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Tests.Experiments;

/// <summary>The configuration's "experiments": parsed, defaulted, and every problem reported at once with where it is.</summary>
public sealed class ExperimentSettingsTests
{
    private const string Pipelines = """
        "pipelines": {
          "prod": {"recall": [{"source": "search"}], "featureLog": {"path": "served.db"},
                   "stages": [{"ranker": "als"}, {"ranker": "mmr", "name": "diverse"}, {"ranker": "fair"}]},
          "next": {"recall": [{"source": "profile"}]},
          "plain": {"recall": [{"source": "search"}]}
        }
        """;

    private static (ServingConfig? Config, List<string> Errors) Parse(string experiments) =>
        ServingConfigParser.Parse($$"""{"defaultPipeline": "prod", {{Pipelines}}, "experiments": {{experiments}} }""");

    [Fact]
    public void SampleExperimentPipelines_Parse_WithTheExperimentDocsExperimentsMdShows()
    {
        var path = Path.Combine(LuceneReco.LoadTest.BuildOutputs.RepositoryRoot, "samples", "experiment-pipelines.json");
        var (config, errors) = ServingConfigParser.Parse(File.ReadAllText(path));

        Assert.Empty(errors);
        var x = config!.Experiments["content-vs-recommend"];
        Assert.Equal(("recommend", "content", 1.0), (x.Control, x.Candidate, x.Traffic));
        Assert.Equal("logs/served.db", x.ImpressionLog(config)!.Path);
    }

    [Fact]
    public void Parse_FullExperiment_ReadsEverySetting()
    {
        var (config, errors) = Parse("""
            {"x": {"control": "prod", "candidate": "next", "method": "balanced", "traffic": 0.25, "attributionMinutes": 60,
                   "clickKinds": ["click", "view"], "conversionKinds": ["buy"], "constraintStages": ["diverse", "fair"]}}
            """);
        Assert.Empty(errors);
        var x = config!.Experiments["x"];
        Assert.Equal(("prod", "next", InterleavingMethod.Balanced, 0.25, 60), (x.Control, x.Candidate, x.MethodKind, x.Traffic, x.AttributionMinutes));
        Assert.Equal(["click", "view"], x.ClickKinds);
        Assert.Equal(["buy"], x.ConversionKinds);
        Assert.Equal(2, x.ConstraintCount(config.Pipelines["prod"]));
        Assert.Equal("served.db", x.ImpressionLog(config)!.Path); // the control's feature log holds the impressions
    }

    [Fact]
    public void Parse_Minimal_DefaultsAndConstraintStagesByRanker()
    {
        var (config, errors) = Parse("""{"x": {"control": "prod", "candidate": "next"}}""");
        Assert.Empty(errors);
        var x = config!.Experiments["x"];
        Assert.Equal((InterleavingMethod.TeamDraft, 0.0, 30), (x.MethodKind, x.Traffic, x.AttributionMinutes));
        Assert.Equal(["click"], x.ClickKinds);
        Assert.Equal(["purchase"], x.ConversionKinds);
        Assert.Equal(2, x.ConstraintCount(config.Pipelines["prod"])); // mmr and fair close the pipeline; als does not count
        Assert.False(x.Includes("x", "anyone")); // traffic 0: paused
    }

    [Fact]
    public void Parse_EveryProblem_ReportedAtOnce()
    {
        var (config, errors) = Parse("""
            {"x": {"control": "prod", "candidate": "nope", "method": "coinFlip", "traffic": 1.5, "attributionMinutes": 0,
                   "clickKinds": [], "constraintStages": ["als"], "colour": "red"},
             "y": {"control": "plain", "candidate": "plain"},
             "z": {"control": "prod", "candidate": "next", "log": {"path": "other.db"}}}
            """);
        Assert.Null(config);
        Assert.Contains("experiments.x.candidate: pipeline 'nope' is not defined (pipelines: prod, next, plain)", errors);
        Assert.Contains("experiments.x.method: unknown method 'coinFlip' (known: teamDraft, balanced)", errors);
        Assert.Contains("experiments.x.traffic must be 0 to 1, got 1.5", errors);
        Assert.Contains("experiments.x.attributionMinutes must be 1 to 43200 (30 days), got 0", errors);
        Assert.Contains("experiments.x.clickKinds must list at least one event kind", errors);
        Assert.Contains("experiments.x.constraintStages: [als] must be the last stages of pipeline 'prod', in order (its stages: als, diverse, fair)", errors);
        Assert.Contains(errors, e => e.StartsWith("experiments.x: unknown setting 'colour' (known: control, candidate", StringComparison.Ordinal));
        Assert.Contains("experiments.y: control and candidate are both 'plain'; an experiment compares two pipelines", errors);
        Assert.Contains("experiments.y: impressions need a log: give pipeline 'plain' a featureLog or the experiment a \"log\": {\"path\": ...}", errors);
        Assert.Contains("experiments.z.log: pipeline 'prod' has a featureLog, which holds the impressions (each list is logged once); remove \"log\"", errors);
        Assert.Contains("experiments.z: pipeline 'prod' is already the control of experiment 'x'; a pipeline takes part in one experiment at a time", errors);
    }

    [Fact]
    public void Parse_WrongTypes_Reported()
    {
        var (_, errors) = Parse("""{"x": {"control": 3, "candidate": "next", "traffic": "half", "clickKinds": "click"}}""");
        Assert.Contains("experiments.x.control must be a string, got a number", errors);
        Assert.Contains("experiments.x.traffic must be a number, got a string", errors);
        Assert.Contains("experiments.x.clickKinds must be an array of strings", errors);
    }

    [Fact]
    public void Parse_ControlWithoutFeatureLog_TakesTheExperimentsOwnLog()
    {
        var (config, errors) = Parse("""{"x": {"control": "plain", "candidate": "next", "traffic": 1, "log": {"path": "impressions.db"}}}""");
        Assert.Empty(errors);
        Assert.Equal("impressions.db", config!.Experiments["x"].ImpressionLog(config)!.Path);
    }

    [Fact]
    public void Includes_TrafficShare_TakesAboutThatShareOfUsers_AndKeepsThemWhenRaised()
    {
        var fifth = new ExperimentSettings { Control = "a", Candidate = "b", Traffic = 0.2 };
        var half = fifth with { Traffic = 0.5 };
        int inFifth = 0, inHalf = 0;
        for (int u = 0; u < 5000; u++)
        {
            string user = "user" + u;
            bool a = fifth.Includes("x", user), b = half.Includes("x", user);
            Assert.True(!a || b, $"{user} left the experiment when its share was raised");
            inFifth += a ? 1 : 0;
            inHalf += b ? 1 : 0;
        }
        Assert.InRange(inFifth, 880, 1120); // 5000 x 0.2 = 1000, sd 28
        Assert.InRange(inHalf, 2380, 2620);
    }
}
