using System.Text.Json;
using LuceneReco.Host.Offline.Evaluation;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Tests.Offline.Evaluation;

public sealed class SweepSpecTests
{
    private static PipelineDefinition Pipeline()
    {
        using var options = JsonDocument.Parse("""{"Lambda": 0.7, "depth": 50}""");
        return new PipelineDefinition
        {
            Recall = [new RecallStep { Source = "profile", Size = 10 }],
            Stages = [new StageStep { Ranker = "als" }, new StageStep { Ranker = "mmr", Name = "diverse", Options = options.RootElement.Clone() }],
        };
    }

    [Fact]
    public void Parse_StageOptionValues_SplitsAtTheLastDot()
    {
        var spec = SweepSpec.Parse("fair.groups.p=0.1, 0.2,0.3");
        Assert.Equal(("fair.groups", "p"), (spec.Stage, spec.Option));
        Assert.Equal(["0.1", "0.2", "0.3"], spec.Values);
        Assert.Equal("fair.groups.p=0.2", spec.RunName("0.2"));
    }

    [Theory]
    [InlineData("mmr=0.1")]
    [InlineData("lambda=0.1")]
    [InlineData("mmr.=0.1")]
    [InlineData("mmr.lambda")]
    [InlineData("mmr.lambda=0.1,,0.2")]
    [InlineData("mmr.lambda=0.1,0.1")]
    public void Parse_Malformed_Throws(string text)
    {
        Assert.Throws<ArgumentException>(() => SweepSpec.Parse(text));
    }

    [Fact]
    public void Apply_ReplacesTheKeyInAnyCase_KeepsTheOtherOptions()
    {
        var swept = SweepSpec.Parse("diverse.lambda=0.3").Apply(Pipeline(), "0.3");
        var options = swept.Stages[1].Options!.Value;
        Assert.Equal(0.3, options.GetProperty("lambda").GetDouble());
        Assert.False(options.TryGetProperty("Lambda", out _));
        Assert.Equal(50, options.GetProperty("depth").GetInt32());
        Assert.Null(swept.Stages[0].Options);
        Assert.Equal(0.7, Pipeline().Stages[1].Options!.Value.GetProperty("Lambda").GetDouble()); // the original is untouched
    }

    [Fact]
    public void Apply_ValueKinds_NumbersBooleansNullAndStrings()
    {
        var spec = SweepSpec.Parse("als.x=3,true,null,category");
        Assert.Equal(JsonValueKind.Number, spec.Apply(Pipeline(), "3").Stages[0].Options!.Value.GetProperty("x").ValueKind);
        Assert.Equal(JsonValueKind.True, spec.Apply(Pipeline(), "true").Stages[0].Options!.Value.GetProperty("x").ValueKind);
        Assert.Equal(JsonValueKind.Null, spec.Apply(Pipeline(), "null").Stages[0].Options!.Value.GetProperty("x").ValueKind);
        Assert.Equal("category", spec.Apply(Pipeline(), "category").Stages[0].Options!.Value.GetProperty("x").GetString());
    }

    [Fact]
    public void Apply_UnknownStage_NamesThePipelinesStages()
    {
        var e = Assert.Throws<ArgumentException>(() => SweepSpec.Parse("mmr.lambda=0.3").Apply(Pipeline(), "0.3"));
        Assert.Contains("no stage 'mmr' (its stages: als, diverse)", e.Message);
    }
}
