using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Tests.Support;

namespace LuceneReco.Rankers.Learned.Tests.Features;

public sealed class FeatureSpecReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_NamesLabelsAndNormalisers_AreKept()
    {
        string path = Write("""
            {"features": [
              "bm25",
              {"name": "pop.week", "label": "popular this week", "normalizer": {"standard": {"mean": 10, "standard_deviation": 4}}},
              {"name": "cat.distance", "labelUp": "close to your usual categories", "labelDown": "far from your usual categories",
               "normalizer": {"min_max": {"minimum": 0, "maximum": 2}}}
            ]}
            """);
        List<FeatureSpec> specs = FeatureSpecReader.Read(path);
        Assert.Equal(["bm25", "pop.week", "cat.distance"], specs.Select(s => s.Name));
        Assert.Equal("bm25", specs[0].Phrase(up: true));
        Assert.Equal("popular this week", specs[1].Phrase(up: false));
        Assert.Equal("far from your usual categories", specs[2].Phrase(up: false));
        Assert.Equal("close to your usual categories", specs[2].Phrase(up: true));
        Assert.Equal(0.5, specs[1].Normaliser.Apply(12));       // (12 - 10) / 4
        Assert.Equal(0.75, specs[2].Normaliser.Apply(1.5));     // (1.5 - 0) / 2
        Assert.True(double.IsNaN(specs[2].Normaliser.Apply(double.NaN)));
        Assert.Equal(7.0, specs[0].Normaliser.Apply(7.0));
    }

    [Fact]
    public void Read_BareArray_Works()
    {
        Assert.Equal(["a", "b"], FeatureSpecReader.Read(Write("""["a", {"name": "b"}]""")).Select(s => s.Name));
    }

    [Theory]
    [InlineData("""["a", {"name": "b", "lable": "x"}]""", "features[1].lable")]
    [InlineData("""["a", "a"]""", "features[1]")]
    [InlineData("""[{"name": "a", "normalizer": {"min_max": {"minimum": 2, "maximum": 2}}}]""", "features[0].normalizer.min_max")]
    [InlineData("""[{"name": "a", "normalizer": {"standard": {"mean": 0, "standard_deviation": 0}}}]""", "features[0].normalizer.standard")]
    [InlineData("""[{"name": "a", "normalizer": {"log": {}}}]""", "features[0].normalizer.log")]
    [InlineData("""{"feature": []}""", "features")]
    public void Read_BadEntry_NamesFileAndEntry(string text, string location)
    {
        string path = Write(text);
        ModelFormatException e = Assert.Throws<ModelFormatException>(() => FeatureSpecReader.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(location, e.Location);
    }

    private string Write(string text)
    {
        string path = _dir.Sub("features-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        File.WriteAllText(path, text);
        return path;
    }
}
