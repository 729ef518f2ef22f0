namespace LuceneReco.Index.Analysis;

/// <summary>Receives the terms an <see cref="Analyzer"/> produces, in order.</summary>
public interface ITokenConsumer
{
    /// <summary>Called once per emitted term. <paramref name="term"/> is only valid during the call.</summary>
    /// <param name="term">The final term text (after every filter).</param>
    /// <param name="position">0-based position; gaps appear where filters removed tokens (as in Lucene's position increments).</param>
    void OnToken(ReadOnlySpan<char> term, int position);
}

/// <summary>
/// Turns text into terms. Implementations are thread-safe and allocate as little as possible
/// per token: the indexer calls <see cref="Analyze"/> for every text field of every document.
/// </summary>
public abstract class Analyzer
{
    /// <summary>The name this analyzer is registered under ("english", "standard", "cjk", "keyword").</summary>
    public abstract string Name { get; }

    /// <summary>Analyzes <paramref name="text"/> and hands every resulting term to <paramref name="consumer"/>.</summary>
    /// <returns>
    /// The number of positions the text took, counting tokens removed at its end (Lucene's final position
    /// increment): the next value of the same field starts at this position.
    /// </returns>
    public abstract int Analyze(ReadOnlySpan<char> text, ITokenConsumer consumer);

    /// <summary>Convenience for tests and query parsing: the terms of <paramref name="text"/> as strings.</summary>
    public List<string> Terms(string text)
    {
        var collector = new TermCollector();
        Analyze(text, collector);
        return collector.Terms;
    }

    private sealed class TermCollector : ITokenConsumer
    {
        public List<string> Terms { get; } = new();
        public void OnToken(ReadOnlySpan<char> term, int position) => Terms.Add(term.ToString());
    }
}
