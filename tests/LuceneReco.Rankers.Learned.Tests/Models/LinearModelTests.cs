using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Models;

public sealed class LinearModelTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_ThenScore_IsBiasPlusWeightedSumOverPresentFeatures()
    {
        string path = _dir.Sub("linear.json");
        File.WriteAllText(path, ModelTexts.Linear(["a", "b", "c"], [0.5, -2, 1], 0.25));
        ScoringModel model = LinearModelReader.Read(path);
        Assert.Equal(["a", "b", "c"], model.FeatureNames);
        using var rows = new FeatureMatrix(2, 3);
        rows[0, 0] = 2; rows[0, 1] = 1; rows[0, 2] = 3;
        rows[1, 0] = 2; rows[1, 2] = 3; // b missing: adds nothing
        var margins = new double[2];
        model.Score(rows, margins);
        Assert.Equal(0.25 + 1 - 2 + 3, margins[0], 12);
        Assert.Equal(0.25 + 1 + 3, margins[1], 12);
    }

    [Fact]
    public void Contributions_AreWeightTimesValue_AndSumToTheMargin()
    {
        var model = new LinearModel("m", Objective.Linear, ["a", "b"], [3, -1], 0.5);
        using var rows = new FeatureMatrix(1, 2);
        rows[0, 0] = 2;
        rows[0, 1] = double.NaN;
        var phi = new double[2];
        double bias = model.Contributions(rows, 0, phi);
        var margin = new double[1];
        model.Score(rows, margin);
        Assert.Equal([6.0, 0.0], phi);
        Assert.Equal(0.5, bias);
        Assert.Equal(margin[0], bias + phi[0] + phi[1], 12);
    }

    [Fact]
    public void Read_KnownObjective_IsKept()
    {
        string path = _dir.Sub("linear.json");
        File.WriteAllText(path, """{"type":"linear","features":["a"],"weights":[1],"bias":0,"objective":"rank:pairwise"}""");
        Assert.Equal(Objective.RankPairwise, LinearModelReader.Read(path).Objective);
    }
}
