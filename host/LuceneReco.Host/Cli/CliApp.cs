using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using LuceneReco.Host.Items;
using LuceneReco.Index.Store;

namespace LuceneReco.Host.Cli;

/// <summary>
/// The <c>lucenereco</c> command line, runnable in-process: <see cref="Run(string[], TextWriter, TextWriter)"/>
/// parses, runs the command and returns the exit code (see <see cref="ExitCodes"/>). Usage errors and
/// expected failures print exactly one line, <c>lucenereco: reason</c>, on stderr and no stack trace.
/// </summary>
internal static class CliApp
{
    /// <summary>Runs the command line <paramref name="args"/> writing to the given writers; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(args, new CliConsole(stdout, stderr));

    /// <summary>Runs the command line <paramref name="args"/> on <paramref name="console"/>; returns the exit code.</summary>
    public static int Run(string[] args, CliConsole console)
    {
        console = console with { Out = new TerminalSafeWriter(console.Out) }; // stored text never reaches a terminal raw
        var root = CreateRoot(console);
        if (PluginCommands.TryRun(args, console, name => root.Subcommands.Any(c => c.Name == name)) is { } pluginExit) return pluginExit;
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            console.Fail($"{DescribeErrors(parse)} (see '{string.Join(' ', CommandPath(parse))} --help')");
            return ExitCodes.Usage;
        }
        return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }

    /// <summary>
    /// The parse errors as one line: every distinct message, except that only the first unrecognized
    /// token is named and "Required command was not provided" is dropped when something more specific is said.
    /// </summary>
    private static string DescribeErrors(ParseResult parse)
    {
        var messages = new List<string>();
        var unrecognized = false;
        foreach (var message in parse.Errors.Select(e => NotANumber(e) ?? e.Message.TrimEnd('.')).Distinct())
        {
            if (message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal))
            {
                if (unrecognized) continue;
                unrecognized = true;
            }
            messages.Add(message);
        }
        if (messages.Count > 1) messages.RemoveAll(m => m.StartsWith("Required command was not provided", StringComparison.Ordinal));
        return string.Join("; ", messages);
    }

    /// <summary>
    /// For a numeric option given something that is not a number: <c>--k must be a whole number, got 'abc'</c>, said from
    /// the option's type and the token (the parser's own message names a .NET type); null for any other error.
    /// </summary>
    private static string? NotANumber(ParseError error)
    {
        if (error.SymbolResult is not OptionResult { Option: var option } result) return null;
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        var c = System.Globalization.CultureInfo.InvariantCulture;
        Func<string, bool>? parses = type == typeof(int) ? t => int.TryParse(t, c, out _)
            : type == typeof(long) ? t => long.TryParse(t, c, out _)
            : type == typeof(double) || type == typeof(float) ? t => double.TryParse(t, c, out _)
            : null;
        if (parses is null || result.Tokens.FirstOrDefault(t => !parses(t.Value)) is not { } bad) return null;
        string what = type == typeof(int) || type == typeof(long) ? "a whole number" : "a number";
        return $"{option.Name} must be {what}, got '{bad.Value}'";
    }

    /// <summary>The names from the root to the command that was parsed: <c>lucenereco index build</c>.</summary>
    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
            if (result is CommandResult command) names.Add(command.Command.Name);
        names[^1] = "lucenereco";
        names.Reverse();
        return names;
    }

    /// <summary>The root command and every subcommand.</summary>
    public static RootCommand CreateRoot(CliConsole console) =>
        new("lucenereco: search-as-recommendation over an embedded Lucene-style index. Plugins add commands too: "
            + "'fairness mtable' (FA*IR tables) from the built-in fairness plugin, 'model score' (score features with a tree or linear model) from the learned plugin.")
        {
            IndexCommand.Create(console),
            SearchCommand.Create(console),
            MltCommand.Create(console),
            BenchCommand.Create(console),
            RecommendCommand.Create(console),
            ServeCommand.Create(console),
            PluginsCommand.Create(console),
            InteractionsCommand.Create(console),
            UsersCommand.Create(console),
            TrainCommand.Create(console),
            ModelsCommand.Create(console),
            FeaturesCommand.Create(console),
            ExperimentCommand.Create(console),
            EmbedCommand.Create(console),
            TuneCommand.Create(console),
            RecommendBatchCommand.Create(console),
            EvalCommand.Create(console),
        };

    /// <summary>
    /// Wraps a command body so that expected failures become one line and an exit code:
    /// bad usage or input and a missing index give <see cref="ExitCodes.Usage"/>; a damaged or locked
    /// index and I/O errors give <see cref="ExitCodes.Failure"/>. Anything else is a bug and surfaces as such.
    /// </summary>
    public static Func<ParseResult, int> Guarded(CliConsole console, Func<ParseResult, int> body) => parse =>
    {
        try
        {
            return body(parse);
        }
        catch (UsageException e)
        {
            console.Fail(e.Message);
            return ExitCodes.Usage;
        }
        catch (ItemFileException e)
        {
            console.Fail(e.Message);
            return ExitCodes.Usage;
        }
        catch (LuceneReco.Host.Interactions.InteractionFileException e)
        {
            console.Fail(e.Message);
            return ExitCodes.Usage;
        }
        catch (IndexNotFoundException e)
        {
            console.Fail(e.Message);
            return ExitCodes.Usage;
        }
        catch (CorruptIndexException e)
        {
            console.Fail($"{e.Message} (run 'lucenereco index check' to see every damaged file)");
            return ExitCodes.Failure;
        }
        catch (IOException e)
        {
            console.Fail(e.Message);
            return ExitCodes.Failure;
        }
        catch (UnauthorizedAccessException e)
        {
            console.Fail(e.Message);
            return ExitCodes.Failure;
        }
        catch (System.IO.InvalidDataException e)
        {
            console.Fail($"cannot read the items file: {e.Message}");
            return ExitCodes.Usage;
        }
    };
}
