using LuceneReco.Index.Analysis;

namespace LuceneReco.Index.Tests.Analysis;

public sealed class CjkAnalyzerTests
{
    private static readonly CjkAnalyzer Lucene = new(stemLatin: false);
    private static readonly CjkAnalyzer Stemming = new();

    private sealed class Recorder : ITokenConsumer
    {
        public List<(string Term, int Position)> Tokens { get; } = new();
        public void OnToken(ReadOnlySpan<char> term, int position) => Tokens.Add((term.ToString(), position));
    }

    [Fact]
    public void Analyze_HanRun_GivesOverlappingBigrams()
        => Assert.Equal(["中文", "文字"], Lucene.Terms("中文字"));

    [Fact]
    public void Analyze_LoneHanCharacter_IsAUnigram()
        => Assert.Equal(["中"], Lucene.Terms("中"));

    [Fact]
    public void Analyze_HanSeparatedBySpace_AreNotBigrammed()
        => Assert.Equal(["中", "文"], Lucene.Terms("中 文"));

    [Fact]
    public void Analyze_HanHiraganaKatakanaAdjacent_BigramAcrossScripts()
        => Assert.Equal(["日本", "本語", "語の", "のテ", "テキ", "キス", "スト"], Lucene.Terms("日本語のテキスト"));

    [Fact]
    public void Analyze_KatakanaThenHan_BigramAcrossTheBoundary()
        => Assert.Equal(["カタ", "タカ", "カナ", "ナ語"], Lucene.Terms("カタカナ語"));

    [Fact]
    public void Analyze_HangulRun_GivesBigrams()
        => Assert.Equal(["한국", "국어"], Lucene.Terms("한국어"));

    [Fact]
    public void Analyze_MixedCjkAndLatin_LatinPassesThroughLowercased()
        => Assert.Equal(["lucene", "是搜", "搜索", "索库", "java"], Lucene.Terms("Lucene是搜索库Java"));

    [Fact]
    public void Analyze_LoneCjkBetweenLatinWords_IsAUnigramInOrder()
        => Assert.Equal(["abc", "中", "def"], Lucene.Terms("abc中def"));

    [Fact]
    public void Analyze_Positions_AdvanceByOnePerOutputToken()
    {
        var recorder = new Recorder();
        Lucene.Analyze("中文字 the x", recorder);
        Assert.Equal([("中文", 0), ("文字", 1), ("x", 3)], recorder.Tokens);
    }

    [Fact]
    public void Analyze_FullwidthLatin_IsFoldedToAscii()
        => Assert.Equal(["abc", "123"], Lucene.Terms("ＡＢＣ　１２３"));

    [Fact]
    public void Analyze_HalfwidthKatakanaWithVoicedMarks_IsFoldedAndComposed()
        => Assert.Equal(["ガギ"], Lucene.Terms("ｶﾞｷﾞ"));

    [Fact]
    public void Analyze_LuceneCjkStopWords_AreRemovedButAnIsKept()
        => Assert.Equal(["an"], Lucene.Terms("the www s t an"));

    [Fact]
    public void Analyze_StemLatinOff_LeavesLatinWordsUnstemmed()
        => Assert.Equal(["running", "的", "dog's"], Lucene.Terms("running的dog's"));

    [Fact]
    public void Analyze_StemLatinOn_LatinWordsGetPossessiveStopAndPorter()
        => Assert.Equal(["run", "的", "dog"], Stemming.Terms("running的dog's an"));

    [Fact]
    public void Analyze_StemLatinOn_CjkTokensAreStillBigrams()
        => Assert.Equal(["中文", "文字"], Stemming.Terms("中文字"));

    [Fact]
    public void Name_DependsOnStemLatin()
    {
        Assert.Equal("cjk", Stemming.Name);
        Assert.Equal("cjk-lucene", Lucene.Name);
        Assert.True(new CjkAnalyzer().StemLatin);
    }
}
