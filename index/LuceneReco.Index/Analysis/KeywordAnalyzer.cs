namespace LuceneReco.Index.Analysis;

/// <summary>The whole input as a single, unchanged term at position 0 (as Lucene's KeywordAnalyzer); empty input gives no term.</summary>
public sealed class KeywordAnalyzer : Analyzer
{
    /// <inheritdoc />
    public override string Name => "keyword";

    /// <inheritdoc />
    public override int Analyze(ReadOnlySpan<char> text, ITokenConsumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        if (text.IsEmpty) return 0;
        consumer.OnToken(text, 0);
        return 1;
    }
}
