using LuceneReco.Index;
using LuceneReco.Index.Analysis;

namespace LuceneReco.Host.Cli;

/// <summary>What <c>index build</c> was asked to do.</summary>
internal sealed record IndexBuildOptions
{
    /// <summary>The index directory to create.</summary>
    public required string Index { get; init; }

    /// <summary>The items file (TSV or JSON Lines, optionally .gz).</summary>
    public required string Items { get; init; }

    /// <summary>A schema JSON file.</summary>
    /// <value>The default is <c>null</c>: the default schema for the file's columns.</value>
    public string? Schema { get; init; }

    /// <summary>The analyzer of the text fields of the default schema.</summary>
    /// <value>The default is <c>null</c>, meaning "english". Cannot be combined with <see cref="Schema"/>.</value>
    public string? Analyzer { get; init; }

    /// <summary>Whether bad lines are reported and skipped rather than stopping the build.</summary>
    /// <value>The default is <c>false</c>.</value>
    public bool SkipBad { get; init; }

    /// <summary>The writer's RAM buffer in MiB.</summary>
    /// <value>The default is 64.</value>
    public double RamBufferMb { get; init; } = 64;

    /// <summary>Whether an existing index at <see cref="Index"/> is replaced.</summary>
    /// <value>The default is <c>false</c>: refuse.</value>
    public bool Overwrite { get; init; }

    /// <summary>The engine that keeps the index: "native" or "lucenenet" (a Lucene.Net 4.8 index with its schema file beside it).</summary>
    /// <value>The default is <c>null</c>, meaning "native".</value>
    public string? Backend { get; init; }

    /// <summary>Whether the index is built with Lucene.Net.</summary>
    public bool LuceneNet => string.Equals(Backend, "lucenenet", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether progress is printed even when stderr is not a terminal.</summary>
    /// <value>The default is <c>false</c>.</value>
    public bool Progress { get; init; }

    /// <summary>Every problem with these options (including missing files), empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Index)) errors.Add("--index needs a directory");
        else if (File.Exists(Index)) errors.Add($"--index '{Index}' is a file, not a directory");
        if (string.IsNullOrWhiteSpace(Items)) errors.Add("--items needs a file");
        else if (!File.Exists(Items)) errors.Add($"items file '{Items}' does not exist");
        if (Schema is not null && !File.Exists(Schema)) errors.Add($"schema file '{Schema}' does not exist");
        if (Schema is not null && Analyzer is not null) errors.Add("--analyzer applies to the default schema only; set each field's analyzer in the schema file");
        if (Backend is not null && !LuceneNet && !string.Equals(Backend, "native", StringComparison.OrdinalIgnoreCase))
            errors.Add($"unknown backend '{Backend}' (valid: native, lucenenet)");
        var analyzers = LuceneNet ? LuceneReco.Index.LuceneNet.LuceneNetAnalyzers.Names : Analyzers.Names;
        if (Analyzer is not null && !analyzers.Contains(Analyzer, StringComparer.OrdinalIgnoreCase))
            errors.Add($"unknown analyzer '{Analyzer}' (valid: {string.Join(", ", analyzers)})");
        else if (LuceneNet && Analyzer is not null && LuceneReco.Index.LuceneNet.LuceneNetAnalyzers.WhyUnavailable(Analyzer) is { } why)
            errors.Add($"--analyzer {Analyzer}: {why}");
        errors.AddRange(WriterOptions(null).Validate().Select(e => e.Replace("RamBufferMb", "--ram-buffer-mb", StringComparison.Ordinal)));
        return errors;
    }

    /// <summary>The writer options for a new index with <paramref name="schema"/>.</summary>
    public IndexWriterOptions WriterOptions(LuceneReco.Index.Documents.IndexSchema? schema) =>
        new() { Schema = schema, RamBufferMb = RamBufferMb };
}
