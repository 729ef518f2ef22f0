namespace LuceneReco.Index.Analysis;

/// <summary>The whole input as a single, unchanged term at position 0 (as Lucene's KeywordAnalyzer); empty input gives no term.</summary>
public sealed class KeywordAnalyzer : Analyzer
{
    /// <inheritdoc />
    public override string Name => "keyword";

    /// <inheritdoc />
    public override void Analyze(ReadOnlySpan<char> text, ITokenConsumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        if (!text.IsEmpty) consumer.OnToken(text, 0);
    }
}
