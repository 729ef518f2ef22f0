using System.CommandLine;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco users</c>: the group of per-user data commands.</summary>
internal static class UsersCommand
{
    /// <summary>The group with its subcommands.</summary>
    public static Command Create(CliConsole console) =>
        new("users", "Manage what is stored about users.")
        {
            UsersEraseCommand.Create(console),
            UsersProfileCommand.Create(console),
        };
}
