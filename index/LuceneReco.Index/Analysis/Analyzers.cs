namespace LuceneReco.Index.Analysis;

// TEMPORARY placeholder until the analysis branch lands (replaced wholesale by it).
/// <summary>Analyzers by name.</summary>
public static class Analyzers
{
    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["english", "standard", "cjk", "cjk-lucene", "keyword"];

    /// <summary>The analyzer registered as <paramref name="name"/>.</summary>
    public static Analyzer ByName(string name) => Names.Contains(name.ToLowerInvariant())
        ? new PlaceholderAnalyzer(name.ToLowerInvariant())
        : throw new ArgumentException($"Unknown analyzer '{name}' (valid: {string.Join(", ", Names)}).", nameof(name));

    private sealed class PlaceholderAnalyzer(string name) : Analyzer
    {
        public override string Name => name;
        public override void Analyze(ReadOnlySpan<char> text, ITokenConsumer consumer)
        {
            Span<char> buf = stackalloc char[256];
            int pos = 0, len = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && char.IsLetterOrDigit(text[i]) && len < 255) { buf[len++] = char.ToLowerInvariant(text[i]); continue; }
                if (len > 0) { consumer.OnToken(buf[..len], pos++); len = 0; }
            }
        }
    }
}
