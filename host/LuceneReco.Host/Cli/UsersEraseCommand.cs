using System.CommandLine;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco users erase</c>: deletes every event of one user from the interaction store.</summary>
internal static class UsersEraseCommand
{
    /// <summary>The command with its options.</summary>
    public static Command Create(CliConsole console)
    {
        var store = StoreOption.Create();
        var user = new Option<string>("--user") { Description = "The user whose events are erased.", HelpName = "U", Required = true };
        var command = new Command("erase", "Erase every event of a user from the store (safe while 'serve' uses it). Trained models drop the user at their next training.")
        {
            store, user,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(parse.GetValue(store)!, parse.GetValue(user)!, console)));
        return command;
    }

    /// <summary>Erases the user; returns the exit code.</summary>
    public static int Run(string storePath, string user, CliConsole console)
    {
        if (string.IsNullOrWhiteSpace(user)) throw new UsageException("--user must not be empty");
        using var store = StoreOption.Open(storePath, create: false);
        int erased = store.EraseUser(user);
        var name = Path.GetFileName(storePath);
        console.Out.WriteLine(erased == 0
            ? $"no events of user '{user}' in {name}; nothing was erased"
            : $"erased {CliFormat.Plural(erased, "event")} of user '{user}' from {name}; trained models drop the user at their next training");
        return ExitCodes.Ok;
    }
}
