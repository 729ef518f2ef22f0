using LuceneReco.Index.Analysis;

namespace LuceneReco.Index.Tests.Analysis;

public sealed class StandardTokenizerTests
{
    private static List<(string Text, TokenType Type)> Tokenize(string text)
    {
        var tokens = new List<(string, TokenType)>();
        var tokenizer = new StandardTokenizer(text);
        while (tokenizer.Next(out int start, out int length, out TokenType type))
            tokens.Add((text.Substring(start, length), type));
        return tokens;
    }

    private static string[] Texts(string text) => Tokenize(text).Select(t => t.Text).ToArray();

    [Fact]
    public void Tokenize_LettersAroundPeriod_StayOneToken()
        => Assert.Equal(["0", "A.D", "and", "B.C"], Texts("0 A.D. and B.C."));

    [Fact]
    public void Tokenize_DigitsWithCommaAndPeriod_StayOneNumber()
        => Assert.Equal([("1,000.5", TokenType.Num)], Tokenize("1,000.5"));

    [Fact]
    public void Tokenize_LettersThenDigits_AreOneAlphanumericToken()
        => Assert.Equal([("3D", TokenType.AlphaNum), ("x86_64", TokenType.AlphaNum)], Tokenize("3D x86_64"));

    [Fact]
    public void Tokenize_Underscore_JoinsWordsAsExtendNumLet()
        => Assert.Equal(["foo_bar", "__init__"], Texts("foo_bar __init__"));

    [Fact]
    public void Tokenize_ApostropheBetweenLetters_StaysOneToken()
        => Assert.Equal(["can't", "it’s", "rock", "n", "roll"], Texts("can't it’s rock 'n' roll"));

    [Fact]
    public void Tokenize_Hyphen_SplitsWords()
        => Assert.Equal(["state", "of", "the", "art"], Texts("state-of-the-art"));

    [Fact]
    public void Tokenize_PeriodBetweenLetterAndDigit_Splits()
        => Assert.Equal(["v", "2", "1", "a.b"], Texts("v.2 1.a.b"));

    [Fact]
    public void Tokenize_EmailAddress_SplitsAtTheAtSign()
        => Assert.Equal(["john.doe", "example.com"], Texts("john.doe@example.com"));

    [Fact]
    public void Tokenize_Url_SplitsIntoSchemeHostAndPathWords()
        => Assert.Equal(["https", "www.example.com", "path", "to", "file.html", "q", "1"],
            Texts("https://www.example.com/path/to/file.html?q=1"));

    [Fact]
    public void Tokenize_HanCharacters_AreOneTokenEach()
        => Assert.Equal([("中", TokenType.Ideographic), ("文", TokenType.Ideographic)], Tokenize("中文"));

    [Fact]
    public void Tokenize_Hiragana_IsOneTokenPerCharacter()
        => Assert.Equal([("ひ", TokenType.Hiragana), ("ら", TokenType.Hiragana)], Tokenize("ひら"));

    [Fact]
    public void Tokenize_KatakanaRun_IsOneToken()
        => Assert.Equal([("カタカナ", TokenType.Katakana)], Tokenize("カタカナ"));

    [Fact]
    public void Tokenize_HangulRun_IsOneToken()
        => Assert.Equal([("한국어", TokenType.Hangul)], Tokenize("한국어"));

    [Fact]
    public void Tokenize_ThaiRun_IsOneSouthEastAsianToken()
        => Assert.Equal([("ภาษาไทย", TokenType.SouthEastAsian)], Tokenize("ภาษาไทย"));

    [Fact]
    public void Tokenize_CombiningMarkAndSoftHyphen_StayInsideTheWord()
        => Assert.Equal(["cafe\u0301", "hy\u00ADphen"], Texts("cafe\u0301 hy\u00ADphen"));

    [Fact]
    public void Tokenize_Emoji_AreTokensOfTheirOwn()
        => Assert.Equal([("I", TokenType.AlphaNum), ("❤️", TokenType.Emoji), ("👍🏽", TokenType.Emoji), ("®", TokenType.Emoji)],
            Tokenize("I ❤️ 👍🏽 ®"));

    [Fact]
    public void Tokenize_ZwjSequenceAndFlag_AreSingleEmojiTokens()
        => Assert.Equal(["👩‍💻", "🇫🇷"], Texts("👩‍💻 🇫🇷"));

    [Fact]
    public void Tokenize_PunctuationAndSymbols_AreDropped()
        => Assert.Empty(Texts(" -- ... !? () [] / \\ & + = — “” ' . "));

    [Fact]
    public void Tokenize_WordLongerThan255Chars_IsSplitInto255CharPieces()
    {
        string word = new('a', 600);
        Assert.Equal([255, 255, 90], Texts(word + " b").Take(3).Select(t => t.Length).ToArray());
        Assert.Equal("b", Texts(word + " b")[^1]);
    }
}
