namespace LuceneReco.Index.Analysis;

/// <summary>
/// Lucene 8.7's CJKAnalyzer: StandardTokenizer → CJKWidthFilter → LowerCaseFilter →
/// CJKBigramFilter → StopFilter (CJK stop set). With <see cref="StemLatin"/> (the default),
/// non-CJK tokens also get the English treatment: possessive removal, English stop words and
/// the Porter stemmer, so Latin words in CJK text match the same words in English text.
/// </summary>
public sealed class CjkAnalyzer : Analyzer
{
    /// <summary>Creates the analyzer; <paramref name="stemLatin"/> false gives exactly Lucene's CJKAnalyzer.</summary>
    public CjkAnalyzer(bool stemLatin = true)
    {
        StemLatin = stemLatin;
    }

    /// <summary>Whether non-CJK tokens go through the English chain (possessive, English + CJK stop words, Porter).</summary>
    public bool StemLatin { get; }

    /// <inheritdoc />
    public override string Name => StemLatin ? "cjk" : "cjk-lucene";

    /// <inheritdoc />
    public override int Analyze(ReadOnlySpan<char> text, ITokenConsumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        Span<char> buffer = stackalloc char[StandardTokenizer.MaxTokenLength];
        StopWordSet stopWords = StemLatin ? StopWordSet.EnglishAndCjk : StopWordSet.Cjk;
        var tokenizer = new StandardTokenizer(text);
        var bigrams = new CjkBigrammer();
        int position = -1;
        while (tokenizer.Next(out int start, out int length, out TokenType type))
        {
            Span<char> term = buffer[..length];
            text.Slice(start, length).CopyTo(term);
            term = term[..CjkWidth.Fold(term)];
            if (CjkBigrammer.IsCjk(type))
            {
                LowerCaser.Apply(term);
                bigrams.AddCjk(term, start, start + length, consumer, ref position);
                continue;
            }
            bigrams.FlushLone(consumer, ref position);
            if (StemLatin) term = term[..EnglishPossessive.Strip(term)];
            LowerCaser.Apply(term);
            position++;
            if (stopWords.Contains(term)) continue;
            if (StemLatin) term = term[..PorterStemmer.Stem(term)];
            consumer.OnToken(term, position);
        }
        bigrams.FlushLone(consumer, ref position);
        return position + 1;
    }
}
