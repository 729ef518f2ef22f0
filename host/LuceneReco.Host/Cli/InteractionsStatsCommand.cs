using System.CommandLine;
using System.Globalization;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco interactions stats</c>: what the interaction store holds.</summary>
internal static class InteractionsStatsCommand
{
    /// <summary>The command with its options.</summary>
    public static Command Create(CliConsole console)
    {
        var store = StoreOption.Create();
        var command = new Command("stats", "Show the number of events, users and items, the time range, the kinds of events and the file size.")
        {
            store,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(parse.GetValue(store)!, console)));
        return command;
    }

    /// <summary>Prints the stats; returns the exit code.</summary>
    public static int Run(string storePath, CliConsole console)
    {
        using var store = StoreOption.Open(storePath, create: false);
        var stats = store.Stats();
        var output = console.Out;
        output.WriteLine($"store    {store.Path}");
        output.WriteLine($"events   {CliFormat.Count(stats.Events)}");
        output.WriteLine($"users    {CliFormat.Count(stats.Users)}");
        output.WriteLine($"items    {CliFormat.Count(stats.Items)}");
        output.WriteLine($"from     {Time(stats.First)}");
        output.WriteLine($"to       {Time(stats.Last)}");
        output.WriteLine($"kinds    {(stats.Kinds.Count == 0 ? "-" : string.Join(", ", stats.Kinds.Select(k => $"{k.Key} {CliFormat.Count(k.Value)}")))}");
        output.WriteLine($"size     {CliFormat.Bytes(stats.Bytes)}");
        return ExitCodes.Ok;
    }

    private static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";
}
