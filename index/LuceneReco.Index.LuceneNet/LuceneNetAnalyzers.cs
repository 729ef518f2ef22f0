using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using LuceneAnalyzer = Lucene.Net.Analysis.Analyzer;

namespace LuceneReco.Index.LuceneNet;

/// <summary>Lucene.Net's own analyzers by the names a schema uses, and the per-field analyzer of a schema.</summary>
public static class LuceneNetAnalyzers
{
    /// <summary>The Lucene version the analyzers behave as.</summary>
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>
    /// The valid names: "english" (EnglishAnalyzer), "standard" (StandardAnalyzer), "cjk" and "cjk-lucene" (CJKAnalyzer),
    /// "smartcn" (SmartChineseAnalyzer, Chinese word segmentation), "keyword" (the whole value as one term).
    /// </summary>
    public static IReadOnlyList<string> Names { get; } = ["english", "standard", "cjk", "cjk-lucene", "smartcn", "keyword"];

    /// <summary>
    /// Why the analyzer <paramref name="name"/> cannot run in this process, or null when it can. SmartChineseAnalyzer
    /// needs ICU culture data (through ICU4N), which a process in .NET's globalization-invariant mode does not have;
    /// LuceneReco builds with <c>InvariantGlobalization</c> on, so it is unavailable unless the host turns that off.
    /// </summary>
    public static string? WhyUnavailable(string name) =>
        name.Trim().Equals("smartcn", StringComparison.OrdinalIgnoreCase) && AppContext.TryGetSwitch("System.Globalization.Invariant", out bool invariant) && invariant
            ? "SmartChineseAnalyzer needs ICU culture data, and this process runs in .NET's globalization-invariant mode (InvariantGlobalization in Directory.Build.props); use cjk, or run the host with System.Globalization.Invariant false in its runtimeconfig.json where ICU is installed (the environment variable does not override the build setting)"
            : null;

    /// <summary>A new analyzer for <paramref name="name"/> (case-insensitive); throws <see cref="ArgumentException"/> naming the valid ones.</summary>
    /// <exception cref="Backends.BackendFeatureUnavailableException">The analyzer cannot run in this process (see <see cref="WhyUnavailable"/>).</exception>
    public static LuceneAnalyzer ByName(string name) => WhyUnavailable(name) is { } why
        ? throw new Backends.BackendFeatureUnavailableException("lucenenet", $"The analyzer '{name}'", why)
        : name.Trim().ToLowerInvariant() switch
    {
        "english" => new EnglishAnalyzer(Version),
        "standard" => new StandardAnalyzer(Version),
        "cjk" or "cjk-lucene" => new CJKAnalyzer(Version),
        "smartcn" => new SmartChineseAnalyzer(Version),
        "keyword" => new KeywordAnalyzer(),
        _ => throw new ArgumentException($"Unknown analyzer '{name}'. Valid names: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>The analyzer of every text field of <paramref name="schema"/>; other fields (keyword, id) are kept whole.</summary>
    public static LuceneAnalyzer For(LuceneNetSchema schema)
    {
        var perField = new Dictionary<string, LuceneAnalyzer>(StringComparer.Ordinal);
        foreach (var f in schema.Fields) if (f.Kind == "text") perField[f.Name] = ByName(f.AnalyzerName);
        return new PerFieldAnalyzerWrapper(new KeywordAnalyzer(), perField);
    }

    /// <summary>The terms <paramref name="analyzer"/> makes of <paramref name="text"/> in <paramref name="field"/>, in order.</summary>
    public static List<string> Terms(LuceneAnalyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }
}
