using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Trees;

/// <summary>TreeSHAP against XGBoost's pred_contribs, and the sum rule.</summary>
public sealed class TreeShapTests
{
    public static TheoryData<string> Names() => new(Fixture.XgboostNames);

    [Theory]
    [MemberData(nameof(Names))]
    public void Contributions_Fixture_EqualXgboostPredContribs(string name)
    {
        Fixture fixture = Fixture.Load(name);
        ScoringModel model = XgboostJsonReader.Read(fixture.ModelPath);
        using var rows = fixture.Matrix();
        var phi = new double[model.FeatureCount];
        for (int r = 0; r < rows.Rows; r++)
        {
            double bias = model.Contributions(rows, r, phi);
            double[] expected = fixture.Contributions[r];
            for (int f = 0; f < phi.Length; f++)
                Assert.True(Math.Abs(phi[f] - expected[f]) <= 1e-4, $"{name} row {r} feature {fixture.Features[f]}: ours {phi[f]:R}, XGBoost {expected[f]:R}");
            Assert.True(Math.Abs(bias - expected[^1]) <= 1e-4, $"{name} row {r} bias: ours {bias:R}, XGBoost {expected[^1]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Contributions_Fixture_SumToTheMargin(string name)
    {
        Fixture fixture = Fixture.Load(name);
        ScoringModel model = XgboostJsonReader.Read(fixture.ModelPath);
        using var rows = fixture.Matrix();
        var margins = new double[rows.Rows];
        model.Score(rows, margins);
        var phi = new double[model.FeatureCount];
        for (int r = 0; r < rows.Rows; r++)
        {
            double total = model.Contributions(rows, r, phi);
            foreach (double p in phi) total += p;
            Assert.True(Math.Abs(total - margins[r]) <= 1e-9 * Math.Max(1, Math.Abs(margins[r])), $"{name} row {r}: sum {total:R}, margin {margins[r]:R}");
        }
    }
}
