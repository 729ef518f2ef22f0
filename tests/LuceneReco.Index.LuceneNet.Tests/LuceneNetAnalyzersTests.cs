using LuceneReco.Index.Backends;

namespace LuceneReco.Index.LuceneNet.Tests;

/// <summary>Lucene.Net's own analyzers by name, and SmartChineseAnalyzer reported (not silently missing) where it cannot run.</summary>
public sealed class LuceneNetAnalyzersTests
{
    [Theory]
    [InlineData("english", "The Running Foxes", "run fox")]
    [InlineData("standard", "The Running Foxes", "running foxes")]
    [InlineData("cjk", "東京都", "東京 京都")]
    [InlineData("keyword", "Big Apple", "Big Apple")]
    public void Terms_OfEachAnalyzer_AreLuceneNets(string analyzer, string text, string expected)
    {
        var terms = LuceneNetAnalyzers.Terms(LuceneNetAnalyzers.ByName(analyzer), "f", text);
        Assert.Equal(expected, string.Join(' ', terms));
    }

    [Fact]
    public void SmartCn_InGlobalizationInvariantProcess_IsReportedUnavailable()
    {
        // this test process runs with InvariantGlobalization on (Directory.Build.props), as the host does
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out bool invariant) && invariant);
        Assert.Contains("ICU", LuceneNetAnalyzers.WhyUnavailable("smartcn"));
        Assert.Null(LuceneNetAnalyzers.WhyUnavailable("cjk"));
        var e = Assert.Throws<BackendFeatureUnavailableException>(() => LuceneNetAnalyzers.ByName("smartcn"));
        Assert.Equal("lucenenet", e.Backend);
        var schema = Assert.Throws<FormatException>(() => LuceneNetSchema.FromJson("""{"fields": [{"name": "title", "kind": "text", "analyzer": "smartcn"}]}"""));
        Assert.Contains("analyzer 'smartcn' cannot run here", schema.Message);
    }

    [Fact]
    public void ByName_Unknown_NamesTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => LuceneNetAnalyzers.ByName("klingon"));
        Assert.Contains("english, standard, cjk, cjk-lucene, smartcn, keyword", e.Message);
    }
}
