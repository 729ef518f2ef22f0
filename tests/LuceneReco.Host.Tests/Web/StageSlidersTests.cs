using System.Text.Json;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Web;

namespace LuceneReco.Host.Tests.Web;

/// <summary>Which stages get a slider on the demo page, with the request option, range and value the plugins document.</summary>
public sealed class StageSlidersTests
{
    private static StageStep Step(string ranker, string? options = null, string? name = null) => new()
    {
        Ranker = ranker,
        Name = name,
        Options = options is null ? null : JsonDocument.Parse(options).RootElement.Clone(),
    };

    [Fact]
    public void For_MmrWithoutOptions_UsesTheDocumentedDefaults_AndIsInverted()
    {
        var slider = Assert.Single(StageSliders.For(Step("mmr")));
        Assert.Equal(new StageSlider("mmr", "mmr.lambda", "diversity", slider.Label, 0, 1, 0.7, Inverted: true), slider);
    }

    [Fact]
    public void For_StepName_AndTheNameOption_PrefixTheKey()
    {
        Assert.Equal("diverse.lambda", Assert.Single(StageSliders.For(Step("mmr", name: "diverse"))).Key);
        Assert.Equal("own.theta", Assert.Single(StageSliders.For(Step("dpp", """{"name":"own","Theta":"0.4"}""", name: "diverse"))).Key);
        Assert.Equal(0.4, StageSliders.For(Step("dpp", """{"name":"own","Theta":"0.4"}""", name: "diverse"))[0].Value);
    }

    [Fact]
    public void For_Fair_OnlyWithBothBoundsAndOneGroup()
    {
        Assert.Empty(StageSliders.For(Step("fair", """{"protectedValues":"indie","p":0.3}""")));
        Assert.Empty(StageSliders.For(Step("fair", """{"protectedValues":"indie","minP":0.1}""")));
        Assert.Empty(StageSliders.For(Step("fair", """{"groups":"indie=0.2,local=0.1","minP":0.1,"maxP":0.5}""")));
        var slider = Assert.Single(StageSliders.For(Step("fair", """{"protectedValues":"indie","p":0.3,"minP":0.1,"maxP":0.5}""", name: "fair-providers")));
        Assert.Equal(new StageSlider("fair-providers", "fair.p", "fairness", slider.Label, 0.1, 0.5, 0.3, Inverted: false), slider);
    }

    [Fact]
    public void For_EqualBounds_ForbidOverrides_SoNoSlider()
    {
        Assert.Empty(StageSliders.For(Step("mmr", """{"lambda":0.5,"minLambda":0.5,"maxLambda":0.5}""")));
        Assert.Empty(StageSliders.For(Step("calibration", """{"minLambda":0.2,"maxLambda":0.2}""")));
    }

    [Fact]
    public void For_Calibration_WithBounds_AndOtherRankers_WithNone()
    {
        Assert.Equal("calibration.lambda", Assert.Single(StageSliders.For(Step("calibration", """{"minLambda":0,"maxLambda":1}"""))).Key);
        Assert.Empty(StageSliders.For(Step("exposure", """{"gain":2}""")));
        Assert.Empty(StageSliders.For(Step("als", """{"weight":0.5}""")));
    }
}
