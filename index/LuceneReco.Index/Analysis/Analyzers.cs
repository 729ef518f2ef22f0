namespace LuceneReco.Index.Analysis;

/// <summary>The analyzers available by name (as stored in index settings and query options).</summary>
public static class Analyzers
{
    private static readonly Analyzer English = new EnglishAnalyzer();
    private static readonly Analyzer Standard = new StandardAnalyzer();
    private static readonly Analyzer Cjk = new CjkAnalyzer(stemLatin: true);
    private static readonly Analyzer CjkLucene = new CjkAnalyzer(stemLatin: false);
    private static readonly Analyzer Keyword = new KeywordAnalyzer();

    /// <summary>The valid names: "english", "standard", "cjk", "cjk-lucene" (CJK without Latin stemming), "keyword".</summary>
    public static IReadOnlyList<string> Names { get; } = ["english", "standard", "cjk", "cjk-lucene", "keyword"];

    /// <summary>The (shared, thread-safe) analyzer registered as <paramref name="name"/>, case-insensitively.</summary>
    /// <exception cref="ArgumentException">No analyzer has that name.</exception>
    public static Analyzer ByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "english" => English,
            "standard" => Standard,
            "cjk" => Cjk,
            "cjk-lucene" => CjkLucene,
            "keyword" => Keyword,
            _ => throw new ArgumentException(
                $"Unknown analyzer '{name}'. Valid names: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
