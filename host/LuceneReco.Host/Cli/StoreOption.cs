using System.CommandLine;
using LuceneReco.Host.Interactions;

namespace LuceneReco.Host.Cli;

/// <summary>The <c>--store FILE</c> option of the interaction commands, and opening the store it names.</summary>
internal static class StoreOption
{
    /// <summary><c>--store FILE</c> (required).</summary>
    public static Option<string> Create() => new("--store")
    {
        Description = "The interaction store: a SQLite file.",
        HelpName = "FILE",
        Required = true,
    };

    /// <summary>Opens the store; <paramref name="create"/> false refuses a missing file (a usage error) instead of creating it.</summary>
    /// <exception cref="UsageException">The path is a directory, its folder does not exist, or the file is missing and may not be created.</exception>
    /// <exception cref="InteractionStoreException">The file is damaged or not an interaction store.</exception>
    public static SqliteInteractionStore Open(string path, bool create)
    {
        var problem = Check(path);
        if (problem is not null) throw new UsageException(problem);
        if (!create && Missing(path) is { } missing) throw new UsageException(missing);
        return SqliteInteractionStore.Open(path);
    }

    /// <summary>What to say when a command that only reads a store is given <paramref name="path"/> and no such file exists, or null when it exists.</summary>
    public static string? Missing(string path) =>
        File.Exists(path) ? null : $"interaction store '{path}' does not exist (create it with 'lucenereco interactions import')";

    /// <summary>Why <paramref name="path"/> cannot be a store file, or null.</summary>
    public static string? Check(string path) => SqliteInteractionStore.CheckPath(path);
}
