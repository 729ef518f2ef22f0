using System.CommandLine;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco index</c>: the group of index maintenance commands.</summary>
internal static class IndexCommand
{
    /// <summary>The group with its subcommands.</summary>
    public static Command Create(CliConsole console) =>
        new("index", "Build, update and inspect an index.")
        {
            IndexBuildCommand.Create(console),
            IndexAddCommand.Create(console),
            IndexDeleteCommand.Create(console),
            IndexStatsCommand.Create(console),
            IndexCheckCommand.Create(console),
        };
}
