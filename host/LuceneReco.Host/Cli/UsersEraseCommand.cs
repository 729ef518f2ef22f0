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
        var featureLogs = new Option<string[]>("--feature-log")
        {
            Description = "A feature log (a pipeline's featureLog.path) to erase the user's served lists from too; repeat for several.",
            HelpName = "FILE",
        };
        var command = new Command("erase", "Erase every event of a user from the store (safe while 'serve' uses it). Trained models drop the user at their next training.")
        {
            store, user, featureLogs,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(parse.GetValue(store)!, parse.GetValue(user)!, console, parse.GetValue(featureLogs) ?? [])));
        return command;
    }

    /// <summary>Erases the user; returns the exit code.</summary>
    public static int Run(string storePath, string user, CliConsole console, IReadOnlyList<string>? featureLogs = null)
    {
        if (string.IsNullOrWhiteSpace(user)) throw new UsageException("--user must not be empty");
        featureLogs ??= [];
        foreach (var log in featureLogs)
            if (!File.Exists(log)) throw new UsageException($"feature log '{log}' does not exist");
        using var store = StoreOption.Open(storePath, create: false);
        int erased = store.EraseUser(user); // rows zeroed and the write-ahead log truncated: no copy left in the files
        int lists = 0;
        foreach (var log in featureLogs) lists += FeatureLog.SqliteFeatureLog.OpenFile(log).EraseUser(user);
        if (featureLogs.Count > 0)
            console.Out.WriteLine($"erased {CliFormat.Plural(lists, "served list")} of user '{user}' from {CliFormat.Plural(featureLogs.Count, "feature log")}");
        var name = Path.GetFileName(storePath);
        console.Out.WriteLine(erased == 0
            ? $"no events of user '{user}' in {name}; nothing was erased"
            : $"erased {CliFormat.Plural(erased, "event")} of user '{user}' from {name}; trained models drop the user at their next training");
        return ExitCodes.Ok;
    }
}
