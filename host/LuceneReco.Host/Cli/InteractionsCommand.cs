using System.CommandLine;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco interactions</c>: the group of interaction store commands.</summary>
internal static class InteractionsCommand
{
    /// <summary>The group with its subcommands.</summary>
    public static Command Create(CliConsole console) =>
        new("interactions", "Import and inspect the interaction store (a SQLite file of views, clicks, purchases, ratings).")
        {
            InteractionsImportCommand.Create(console),
            InteractionsStatsCommand.Create(console),
        };
}
