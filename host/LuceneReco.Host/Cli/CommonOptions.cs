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
}
