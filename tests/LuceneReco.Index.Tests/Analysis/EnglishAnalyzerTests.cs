using LuceneReco.Index.Analysis;

namespace LuceneReco.Index.Tests.Analysis;

public sealed class EnglishAnalyzerTests
{
    private sealed class Recorder : ITokenConsumer
    {
        public List<(string Term, int Position)> Tokens { get; } = new();
        public void OnToken(ReadOnlySpan<char> term, int position) => Tokens.Add((term.ToString(), position));
    }

    private static List<(string, int)> Analyze(Analyzer analyzer, string text)
    {
        var recorder = new Recorder();
        analyzer.Analyze(text, recorder);
        return recorder.Tokens;
    }

    [Theory]
    [InlineData("John's")]
    [InlineData("JOHN'S")]
    [InlineData("John’s")]
    [InlineData("John＇s")]
    public void Analyze_PossessiveSuffix_IsRemovedBeforeLowercasing(string text)
        => Assert.Equal(["john"], new EnglishAnalyzer().Terms(text));

    [Fact]
    public void Analyze_ApostropheNotPossessive_IsKept()
        => Assert.Equal(["can't", "o'neil"], new EnglishAnalyzer().Terms("can't O'Neil"));

    [Fact]
    public void Analyze_StopWords_AreRemovedLeavingPositionGaps()
        => Assert.Equal([("quick", 1), ("brown", 2), ("fox", 3), ("jump", 4), ("over", 5), ("lazi", 7), ("dog", 8)],
            Analyze(new EnglishAnalyzer(), "The quick brown fox jumps over the lazy dog"));

    [Fact]
    public void Analyze_AllLuceneEnglishStopWords_AreRemoved()
        => Assert.Empty(new EnglishAnalyzer().Terms(
            "a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with"));

    [Fact]
    public void Analyze_WordsThatAreNotStopWords_AreKept()
        => Assert.Equal(["s", "t", "www", "i", "we"], new EnglishAnalyzer().Terms("s t www I we"));

    [Fact]
    public void Analyze_Words_AreLowercasedAndStemmed()
        => Assert.Equal(["run", "dog", "gener", "librari"], new EnglishAnalyzer().Terms("Running DOGS generalizations libraries"));

    [Fact]
    public void Analyze_Positions_CountEveryTokenizerToken()
        => Assert.Equal([("test", 3)], Analyze(new EnglishAnalyzer(), "This is a test"));

    [Fact]
    public void Analyze_EmptyOrPunctuationOnly_GivesNoTerms()
    {
        Assert.Empty(new EnglishAnalyzer().Terms(""));
        Assert.Empty(new EnglishAnalyzer().Terms(" ... --- "));
    }

    [Fact]
    public void StandardAnalyzer_LowercasesWithoutStopWordsOrStemming()
        => Assert.Equal([("the", 0), ("running", 1), ("dog's", 2)], Analyze(new StandardAnalyzer(), "The RUNNING dog's"));

    [Fact]
    public void StandardAnalyzer_DottedCapitalI_LowercasesToPlainI()
        => Assert.Equal(["istanbul"], new StandardAnalyzer().Terms("\u0130STANBUL"));

    [Fact]
    public void KeywordAnalyzer_WholeInput_IsOneUnchangedTerm()
        => Assert.Equal([("New York, NY", 0)], Analyze(new KeywordAnalyzer(), "New York, NY"));

    [Fact]
    public void KeywordAnalyzer_EmptyInput_GivesNoTerm()
        => Assert.Empty(new KeywordAnalyzer().Terms(""));
}
