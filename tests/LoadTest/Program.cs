using System.Globalization;
using LuceneReco.LoadTest;

// The plugin pipeline under hot reload: see README.md. Prints the figures as Markdown on stdout, progress on
// stderr; exits 0 when every request succeeded and both plugin versions served, 1 otherwise, 2 on bad arguments.
HotReloadLoadOptions options;
try
{
    options = Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine($"loadtest: {e.Message}");
    Console.Error.WriteLine("usage: dotnet run --project tests/LoadTest -c Release -- [--seconds 60] [--clients 8] [--writers 0] [--reload-every 3] [--baseline-seconds 10] [--settle-seconds 5] [--full-gc 1] [--seed 1]");
    return 2;
}

var report = await HotReloadLoad.RunAsync(options);
Console.Out.Write(report.ToMarkdown());
if (!report.Passed)
{
    Console.Error.WriteLine("loadtest: FAILED (see the figures above); the server's log:");
    Console.Error.WriteLine(report.ServerLog);
    return 1;
}
return 0;

static HotReloadLoadOptions Parse(string[] args)
{
    var options = new HotReloadLoadOptions { FullCollectionAtEnd = true, Log = line => Console.Error.WriteLine($"loadtest: {line}") };
    for (int i = 0; i < args.Length; i += 2)
    {
        if (i + 1 >= args.Length) throw new FormatException($"{args[i]} needs a value");
        double value = double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0
            ? v
            : throw new FormatException($"{args[i]}: '{args[i + 1]}' is not a non-negative number");
        options = args[i] switch
        {
            "--seconds" => options with { Duration = TimeSpan.FromSeconds(value) },
            "--clients" => options with { Clients = (int)value },
            "--writers" => options with { Writers = (int)value },
            "--reload-every" => options with { ReloadEvery = TimeSpan.FromSeconds(value) },
            "--baseline-seconds" => options with { Baseline = value == 0 ? null : TimeSpan.FromSeconds(value) },
            "--settle-seconds" => options with { Settle = TimeSpan.FromSeconds(value) },
            "--full-gc" => options with { FullCollectionAtEnd = value != 0 },
            "--seed" => options with { Seed = (int)value },
            _ => throw new FormatException($"unknown option '{args[i]}'"),
        };
    }
    if (options.Validate() is { Count: > 0 } errors) throw new FormatException(string.Join("; ", errors));
    return options;
}
