using LuceneReco.Index.Analysis;

namespace LuceneReco.Index.Tests.Analysis;

public sealed class PorterStemmerTests
{
    /// <summary>Examples from Porter's paper (1980), step by step, with the final stem the whole algorithm gives.</summary>
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("caress", "caress")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("digitizer", "digit")]
    [InlineData("operator", "oper")]
    [InlineData("feudalism", "feudal")]
    [InlineData("hopefulness", "hope")]
    [InlineData("callousness", "callous")]
    [InlineData("triplicate", "triplic")]
    [InlineData("formative", "form")]
    [InlineData("formalize", "formal")]
    [InlineData("electrical", "electr")]
    [InlineData("hopeful", "hope")]
    [InlineData("goodness", "good")]
    [InlineData("revival", "reviv")]
    [InlineData("allowance", "allow")]
    [InlineData("inference", "infer")]
    [InlineData("airliner", "airlin")]
    [InlineData("adjustable", "adjust")]
    [InlineData("defensible", "defens")]
    [InlineData("irritant", "irrit")]
    [InlineData("replacement", "replac")]
    [InlineData("adjustment", "adjust")]
    [InlineData("dependent", "depend")]
    [InlineData("adoption", "adopt")]
    [InlineData("communism", "commun")]
    [InlineData("activate", "activ")]
    [InlineData("effective", "effect")]
    [InlineData("bowdlerize", "bowdler")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    [InlineData("controlling", "control")]
    [InlineData("roll", "roll")]
    [InlineData("generalizations", "gener")]
    [InlineData("oscillators", "oscil")]
    public void Stem_ClassicExamplesFromPortersPaper_GiveTheirPublishedStems(string word, string stem)
        => Assert.Equal(stem, PorterStemmer.Stem(word));

    [Theory]
    [InlineData("technology", "technolog")]  // Lucene's "logi" -> "log" rule
    [InlineData("possibly", "possibl")]      // "bli" -> "ble", then final e removed
    [InlineData("is", "is")]                 // words of one or two letters are left alone
    [InlineData("as", "as")]
    [InlineData("ies", "i")]
    [InlineData("ion", "ion")]
    [InlineData("über", "über")]
    public void Stem_LuceneSpecificRulesAndShortWords_MatchLucenesPorterStemmer(string word, string stem)
        => Assert.Equal(stem, PorterStemmer.Stem(word));

    [Fact]
    public void Stem_LuceneVocabulary_AgreesOnEveryPair()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Analysis", "Data", "porter_lucene_pairs.tsv");
        var wrong = new List<string>();
        int pairs = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith('#')) continue;
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            string word = line[..tab], expected = line[(tab + 1)..];
            pairs++;
            string actual = PorterStemmer.Stem(word);
            if (actual != expected) wrong.Add($"{word}: expected {expected}, got {actual}");
        }
        Assert.True(pairs > 5000, $"only {pairs} pairs read");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {pairs} pairs differ:\n{string.Join("\n", wrong.Take(20))}");
    }

    [Fact]
    public void Stem_SpanIntoBuffer_WritesStemAndReturnsItsLength()
    {
        Span<char> destination = stackalloc char[32];
        int n = PorterStemmer.Stem("generalizations".AsSpan(), destination);
        Assert.Equal("gener", destination[..n].ToString());
    }

    [Fact]
    public void Stem_InPlace_ReturnsPrefixLength()
    {
        char[] word = "meetings".ToCharArray();
        int n = PorterStemmer.Stem(word.AsSpan());
        Assert.Equal("meet", new string(word, 0, n));
    }

    [Fact]
    public void Stem_DestinationTooShort_Throws()
        => Assert.Throws<ArgumentException>(() => PorterStemmer.Stem("running".AsSpan(), new char[3]));
}
