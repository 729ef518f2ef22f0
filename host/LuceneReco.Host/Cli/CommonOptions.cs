using System.CommandLine;

namespace LuceneReco.Host.Cli;

/// <summary>Options shared by several commands, created fresh for each (an option belongs to one command).</summary>
internal static class CommonOptions
{
    /// <summary><c>--index DIR</c> (required).</summary>
    public static Option<string> Index() => new("--index")
    {
        Description = "The index directory.",
        HelpName = "DIR",
        Required = true,
    };

    /// <summary><c>--items FILE</c> (required).</summary>
    public static Option<string> Items() => new("--items")
    {
        Description = "Items file: TSV with a header line whose first column is 'id' (.tsv), or JSON Lines (.jsonl); optionally gzip-compressed (.gz).",
        HelpName = "FILE",
        Required = true,
    };

    /// <summary><c>--skip-bad</c>.</summary>
    public static Option<bool> SkipBad() => new("--skip-bad")
    {
        Description = "Report malformed item lines and skip them, instead of stopping without changing the index.",
    };

    /// <summary><c>--progress</c>.</summary>
    public static Option<bool> Progress() => new("--progress")
    {
        Description = "Print progress to stderr every few seconds (the default only when stderr is a terminal).",
    };

    /// <summary><c>--k N</c>: how many results (default 10).</summary>
    public static Option<int> K() => new("--k", "-k")
    {
        Description = $"How many results (1 to {LuceneReco.Index.Search.IndexSearcher.MaxK:N0}; default 10).",
        HelpName = "N",
        DefaultValueFactory = _ => 10,
    };

    /// <summary>Checks a --k value; throws <see cref="UsageException"/> outside 1..MaxK.</summary>
    public static int CheckK(int k) => k is >= 1 and <= LuceneReco.Index.Search.IndexSearcher.MaxK
        ? k
        : throw new UsageException($"--k must be between 1 and {LuceneReco.Index.Search.IndexSearcher.MaxK:N0}, got {k}");

    /// <summary><c>--similarity classic|bm25</c>.</summary>
    public static Option<string> Similarity(string defaultName) => new("--similarity")
    {
        Description = $"Scoring model: classic (Lucene TF-IDF) or bm25 (default {defaultName}).",
        HelpName = "classic|bm25",
        DefaultValueFactory = _ => defaultName,
    };

    /// <summary>A comma-separated list, or null when not given.</summary>
    public static IReadOnlyList<string>? SplitList(string? list) =>
        list is null ? null : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Opens the last commit of an existing index directory.</summary>
    public static LuceneReco.Index.IndexReader OpenReader(string directory)
    {
        if (!Directory.Exists(directory)) throw new UsageException($"index directory '{directory}' does not exist");
        return LuceneReco.Index.IndexReader.Open(directory);
    }

    /// <summary>Opens the last commit of an existing index directory, whichever engine keeps it (<see cref="Serving.IndexFolder"/>), read-only.</summary>
    /// <exception cref="UsageException">No such directory, or a Lucene.Net index without a schema.</exception>
    public static LuceneReco.Index.Backends.IRecallIndex OpenRecallIndex(string directory, string? luceneNetSchema = null)
    {
        if (!Directory.Exists(directory)) throw new UsageException($"index directory '{directory}' does not exist");
        try { return Serving.IndexFolder.OpenReadOnly(directory, luceneNetSchema); }
        catch (ArgumentException e) { throw new UsageException(e.Message); }
    }

    /// <summary><c>--lucenenet-schema FILE.json</c>: attach, read-only, a Lucene.Net index another application writes.</summary>
    public static Option<string> LuceneNetSchema() => new("--lucenenet-schema")
    {
        Description = "The index is a Lucene.Net index another application writes: attach it read-only, with this schema file naming its id and fields (index/LuceneReco.Index.LuceneNet/README.md).",
        HelpName = "FILE.json",
    };

    /// <summary><c>--plugins DIR</c>: a plugins folder instead of the built-in plugins that ship with the CLI.</summary>
    public static Option<string> Plugins() => new("--plugins")
    {
        Description = "The plugins folder, one subfolder per plugin (default: the built-in plugins shipped beside the CLI: collaborative (als, itemknn, popular, ease, userknn, coldcontent), diversity (mmr, dpp, diversity-caps), fairness (fair, exposure, calibration), learned (learned, features), embeddings (minilm, arctic-xs); 'plugins list' shows them; a folder given here replaces them).",
        HelpName = "DIR",
    };

    /// <summary>The plugins folder <paramref name="given"/> names (checked to exist), or null for the built-in plugins.</summary>
    /// <exception cref="UsageException">The folder does not exist.</exception>
    public static string? PluginsFolder(string? given)
    {
        if (given is null) return null;
        if (!Directory.Exists(given)) throw new UsageException($"plugins directory '{given}' does not exist");
        return Path.GetFullPath(given);
    }
}
