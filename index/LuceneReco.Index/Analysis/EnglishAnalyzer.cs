namespace LuceneReco.Index.Analysis;

/// <summary>
/// Lucene 8.7's EnglishAnalyzer: StandardTokenizer → EnglishPossessiveFilter → LowerCaseFilter
/// → StopFilter (ENGLISH_STOP_WORDS_SET) → PorterStemFilter, run as one loop over a stack buffer.
/// </summary>
public sealed class EnglishAnalyzer : Analyzer
{
    /// <inheritdoc />
    public override string Name => "english";

    /// <inheritdoc />
    public override int Analyze(ReadOnlySpan<char> text, ITokenConsumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        Span<char> buffer = stackalloc char[StandardTokenizer.MaxTokenLength];
        var tokenizer = new StandardTokenizer(text);
        int position = -1;
        while (tokenizer.Next(out int start, out int length, out _))
        {
            position++;
            Span<char> term = buffer[..length];
            text.Slice(start, length).CopyTo(term);
            term = term[..EnglishPossessive.Strip(term)];
            LowerCaser.Apply(term);
            if (StopWordSet.English.Contains(term)) continue;
            consumer.OnToken(term[..PorterStemmer.Stem(term)], position);
        }
        return position + 1;
    }
}
