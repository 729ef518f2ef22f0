using LuceneReco.Index.Analysis;

namespace LuceneReco.Index.Tests.Analysis;

public sealed class AnalyzersTests
{
    [Theory]
    [InlineData("english", typeof(EnglishAnalyzer))]
    [InlineData("English", typeof(EnglishAnalyzer))]
    [InlineData("STANDARD", typeof(StandardAnalyzer))]
    [InlineData("cjk", typeof(CjkAnalyzer))]
    [InlineData("cjk-lucene", typeof(CjkAnalyzer))]
    [InlineData("keyword", typeof(KeywordAnalyzer))]
    public void ByName_KnownNameInAnyCase_ReturnsThatAnalyzer(string name, Type type)
        => Assert.IsType(type, Analyzers.ByName(name));

    [Fact]
    public void ByName_Cjk_StemsLatinAndCjkLuceneDoesNot()
    {
        Assert.True(((CjkAnalyzer)Analyzers.ByName("cjk")).StemLatin);
        Assert.False(((CjkAnalyzer)Analyzers.ByName("cjk-lucene")).StemLatin);
    }

    [Fact]
    public void ByName_EveryListedName_ResolvesToAnAnalyzerOfThatName()
    {
        foreach (string name in Analyzers.Names) Assert.Equal(name, Analyzers.ByName(name).Name);
    }

    [Fact]
    public void ByName_UnknownName_ThrowsListingTheValidNames()
    {
        var e = Assert.Throws<ArgumentException>(() => Analyzers.ByName("french"));
        Assert.Contains("french", e.Message, StringComparison.Ordinal);
        foreach (string name in Analyzers.Names) Assert.Contains(name, e.Message, StringComparison.Ordinal);
    }
}
