namespace LuceneReco.Index.Analysis;

/// <summary>Lucene 8.7's StandardAnalyzer with its defaults: StandardTokenizer → LowerCaseFilter (no stop words).</summary>
public sealed class StandardAnalyzer : Analyzer
{
    /// <inheritdoc />
    public override string Name => "standard";

    /// <inheritdoc />
    public override int Analyze(ReadOnlySpan<char> text, ITokenConsumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        Span<char> buffer = stackalloc char[StandardTokenizer.MaxTokenLength];
        var tokenizer = new StandardTokenizer(text);
        int position = -1;
        while (tokenizer.Next(out int start, out int length, out _))
        {
            Span<char> term = buffer[..length];
            text.Slice(start, length).CopyTo(term);
            LowerCaser.Apply(term);
            consumer.OnToken(term, ++position);
        }
        return position + 1;
    }
}
