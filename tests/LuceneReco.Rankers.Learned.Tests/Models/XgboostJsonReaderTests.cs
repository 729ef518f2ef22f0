using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Tests.Support;
using LuceneReco.Rankers.Learned.Trees;

namespace LuceneReco.Rankers.Learned.Tests.Models;

/// <summary>Our scorer against XGBoost 1.7's own predictions on the committed fixtures.</summary>
public sealed class XgboostJsonReaderTests
{
    public static TheoryData<string> Names() => new(Fixture.XgboostNames);

    [Theory]
    [MemberData(nameof(Names))]
    public void Score_Fixture_EqualsXgboostMargins(string name)
    {
        Fixture fixture = Fixture.Load(name);
        ScoringModel model = XgboostJsonReader.Read(fixture.ModelPath);
        using var rows = fixture.Matrix();
        var margins = new double[rows.Rows];
        model.Score(rows, margins);
        for (int r = 0; r < margins.Length; r++)
            Assert.True(Math.Abs(margins[r] - fixture.Margins[r]) <= 1e-5,
                $"{name} row {r}: ours {margins[r]:R}, XGBoost {fixture.Margins[r]:R}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Read_Fixture_NamesFeaturesAndObjective(string name)
    {
        Fixture fixture = Fixture.Load(name);
        var model = (TreeEnsemble)XgboostJsonReader.Read(fixture.ModelPath);
        Assert.Equal(fixture.Features, model.FeatureNames);
        Assert.Equal(fixture.Features.Length, model.FeatureCount);
        Objective expected = name switch
        {
            "pairwise_deep" => Objective.RankPairwise,
            "regression" => Objective.SquaredError,
            "binary" => Objective.BinaryLogistic,
            _ => Objective.RankNdcg,
        };
        Assert.Equal(expected, model.Objective);
    }

    [Fact]
    public void Read_DeepFixture_HasTreesDeeperThanEight()
    {
        var model = (TreeEnsemble)XgboostJsonReader.Read(Fixture.Load("pairwise_deep").ModelPath);
        Assert.True(model.MaxDepth >= 8, $"max depth {model.MaxDepth}");
    }

    [Fact]
    public void Read_ManyTreesFixture_HasThreeHundredTrees()
    {
        var model = (TreeEnsemble)XgboostJsonReader.Read(Fixture.Load("many_trees").ModelPath);
        Assert.Equal(300, model.TreeCount);
    }

    [Fact]
    public void Read_BaseScoreAsAOneElementList_IsAccepted()
    {
        using var dir = new TempDir();
        string path = dir.Sub("m.json");
        File.WriteAllText(path, ModelTexts.XgboostStump(["x"], 0, 0.5, -1, 1, false, baseScore: 0.25).Replace("\"base_score\": \"0.25\"", "\"base_score\": \"[2.5E-1]\"", StringComparison.Ordinal));
        Assert.Contains("[2.5E-1]", File.ReadAllText(path));
        Assert.Equal(0.25, ((TreeEnsemble)XgboostJsonReader.Read(path)).BaseMargin);
    }

    [Fact]
    public void Read_BinaryFixture_StartsAtLogitOfBaseScore()
    {
        var model = (TreeEnsemble)XgboostJsonReader.Read(Fixture.Load("binary").ModelPath);
        Assert.Equal(Math.Log(0.3 / 0.7), model.BaseMargin, 6);
    }
}
