using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Tests.Support;
using static LuceneReco.Rankers.Diversity.Tests.Stages.StageFixture;

namespace LuceneReco.Rankers.Diversity.Tests.Stages;

/// <summary>Without a <c>name</c> option, a stage goes by the pipeline step's name as the host gives it.</summary>
public sealed class StepNameTests
{
    private static IRankerStage Stage(IRankerPlugin plugin, string? step, string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return plugin.CreateStage(doc.RootElement.Clone(), new FakeServices(Films()) { PipelineName = "home", StepName = step });
    }

    [Fact]
    public async Task Mmr_StepNamed_PrefixesExplanationsFeaturesAndRequestKeysWithIt()
    {
        IRankerStage stage = Stage(new MmrRanker(), "slider", """{ "lambda": 0.5, "minLambda": 0.3 }""");

        List<Candidate> result = await Run(stage, Candidates());

        Assert.StartsWith("slider: moved up", result[1].Explanations[0], StringComparison.Ordinal);
        Assert.True(result[1].Features.ContainsKey("slider.maxSim"));
        Assert.Equal(["slider.lambda must be between 0.3 and 1, got 0.1"], ((IRequestValidatingStage)stage).ValidateRequest(Request(("slider.lambda", "0.1"))));
        Assert.Empty(((IRequestValidatingStage)stage).ValidateRequest(Request(("mmr.lambda", "0.1")))); // another stage's key
    }

    [Fact]
    public async Task Dpp_NameOption_WinsOverTheStepName()
    {
        IRankerStage stage = Stage(new DppRanker(), "step", """{ "name": "mine", "theta": 0.3 }""");

        List<Candidate> result = await Run(stage, Candidates());

        Assert.Contains(result, c => c.Features.ContainsKey("mine.gain"));
        Assert.DoesNotContain(result, c => c.Features.Keys.Any(k => k.StartsWith("step.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Caps_NoStepName_GoesByThePluginName()
    {
        IRankerStage stage = Stage(new DiversityCapsRanker(), null, """{ "caps": "provider:1/3" }""");

        List<Candidate> result = await Run(stage, Candidates());

        Assert.Contains(result, c => c.Explanations.Any(e => e.StartsWith("diversity-caps: ", StringComparison.Ordinal)));
    }
}
