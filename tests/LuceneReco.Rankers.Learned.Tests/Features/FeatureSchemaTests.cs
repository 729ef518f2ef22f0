using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Features;

public sealed class FeatureSchemaTests
{
    private static readonly LinearModel Named = new("m.json", Objective.Linear, ["a", "b"], [1, 2], 0);

    [Fact]
    public void For_NothingDeclared_UsesTheModelsNames()
    {
        Assert.Equal(["a", "b"], FeatureSchema.For(Named, null, null).Names);
    }

    [Fact]
    public void For_DeclaredCountDiffers_NamesBoth()
    {
        ModelFormatException e = Assert.Throws<ModelFormatException>(() => FeatureSchema.For(Named, [new FeatureSpec("a")], "features.json"));
        Assert.Contains("has 2 features but features.json names 1", e.Message);
    }

    [Fact]
    public void For_DeclaredNameDiffers_NamesTheFeature()
    {
        ModelFormatException e = Assert.Throws<ModelFormatException>(() => FeatureSchema.For(Named, [new FeatureSpec("a"), new FeatureSpec("c")], "features.json"));
        Assert.Equal("feature 1", e.Location);
        Assert.Contains("\"b\" in the model but \"c\" in features.json", e.Problem);
    }

    [Fact]
    public void Fill_AbsentFeature_IsMissingNotZero()
    {
        FeatureSchema schema = FeatureSchema.For(Named, [new FeatureSpec("a", Normaliser: FeatureNormaliser.MinMax(0, 10)), new FeatureSpec("b")], "options");
        using var rows = new FeatureMatrix(1, 2);
        schema.Fill(rows, 0, new Dictionary<string, double> { ["a"] = 5 });
        Assert.Equal(0.5, rows[0, 0]);
        Assert.True(double.IsNaN(rows[0, 1]));
    }

    [Fact]
    public void ContributionKeys_ArePrefixed()
    {
        Assert.Equal(["learned.contrib.a", "learned.contrib.b"], FeatureSchema.For(Named, null, null).ContributionKeys);
    }
}
