using System.CommandLine;
using System.Globalization;
using LuceneReco.Host.FeatureLog;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco features join|bias</c>: turns a pipeline's feature log (<c>"featureLog"</c>) and the interactions that came
/// after the lists into labelled lists for <c>lucenereco train --model learned</c> (docs/learning-to-rank.md), and shows the
/// position bias estimated from the log's randomised lists.
/// </summary>
internal static class FeaturesCommand
{
    /// <summary>The group with its subcommands.</summary>
    public static Command Create(CliConsole console) =>
        new("features", "Feature logs for learning to rank: join served lists with later interactions into labelled lists, estimate the position bias.")
        {
            Join(console),
            Bias(console),
        };

    private sealed class Shared
    {
        public Option<string> Log { get; } = new("--log") { Description = "The feature log (the SQLite file a pipeline's \"featureLog\".path names).", HelpName = "FILE", Required = true };
        public Option<string> Store { get; } = new("--store") { Description = "The interaction store (SQLite) whose events label the lists.", HelpName = "FILE" };
        public Option<string> Interactions { get; } = new("--interactions") { Description = "An interactions file instead of --store.", HelpName = "FILE" };
        public Option<string> Labels { get; } = new("--labels") { Description = $"Grades by event kind, KIND=GRADE|weight comma-separated, '*' for other kinds (default {LabelRules.Default}).", HelpName = "RULES" };
        public Option<string> Window { get; } = new("--window") { Description = "How long after a list an event still counts for it: 30m, 12h, 7d (default 1d).", HelpName = "SPAN" };

        public void AddTo(Command command)
        {
            command.Options.Add(Log);
            command.Options.Add(Store);
            command.Options.Add(Interactions);
            command.Options.Add(Labels);
            command.Options.Add(Window);
        }

        public List<LabelledList> Labelled(ParseResult parse, CliConsole console)
        {
            var rules = Rules(parse.GetValue(Labels));
            var window = ParseWindow(parse.GetValue(Window) ?? "1d");
            string path = parse.GetValue(Log)!;
            if (!File.Exists(path)) throw new UsageException($"feature log '{path}' does not exist");
            List<Pipelines.ServedList> lists;
            try
            {
                lists = SqliteFeatureLog.OpenFile(path).ReadAll();
            }
            catch (FeatureLogException e)
            {
                throw new UsageException(e.Message);
            }
            var (events, _) = TrainCommand.ReadEvents(parse.GetValue(Store), parse.GetValue(Interactions), console.Time.GetUtcNow());
            return FeatureLogJoin.Join(lists, events, rules, window);
        }
    }

    private static Command Join(CliConsole console)
    {
        var shared = new Shared();
        var output = new Option<string>("--out") { Description = "The labelled lists TSV to write (for 'train --model learned --set lists=FILE').", HelpName = "FILE", Required = true };
        var ipw = new Option<bool>("--ipw") { Description = "Weight positive labels by the inverse of their position's propensity, estimated from the log's randomised lists." };
        var maxWeight = new Option<double>("--max-weight") { Description = "The largest inverse propensity weight (default 20).", DefaultValueFactory = _ => 20 };
        var command = new Command("join", "Join the served lists of a feature log with the interactions after them into labelled lists (TSV).") { output, ipw, maxWeight };
        shared.AddTo(command);
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            double max = parse.GetValue(maxWeight);
            if (!double.IsFinite(max) || max < 1) throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--max-weight must be at least 1, got {max}"));
            var lists = shared.Labelled(parse, console);
            if (lists.Count == 0) throw new UsageException("the feature log has no list served to a known user");
            PositionBias? bias = null;
            if (parse.GetValue(ipw))
                bias = PositionBias.Estimate(lists) ?? throw new UsageException("--ipw needs randomised lists with positive labels in the log (set the pipeline's featureLog.explore, e.g. 0.05)");
            var (rows, features) = LabelledListFile.Write(parse.GetValue(output)!, lists, bias, max);
            int positive = lists.Count(l => Array.Exists(l.Labels, x => x > 0));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"joined {lists.Count:N0} lists ({positive:N0} with a positive label), {rows:N0} rows, {features} features{(bias is null ? "" : $", inverse propensity weights from {bias.RandomisedLists:N0} randomised lists")} -> {parse.GetValue(output)}"));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Bias(CliConsole console)
    {
        var shared = new Shared();
        var command = new Command("bias", "Estimate each position's examination propensity from the feature log's randomised lists.");
        shared.AddTo(command);
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            var bias = PositionBias.Estimate(shared.Labelled(parse, console))
                ?? throw new UsageException("the log has no randomised list with a positive label (set the pipeline's featureLog.explore, e.g. 0.05)");
            console.Out.WriteLine(bias.Describe());
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static LabelRules Rules(string? text)
    {
        try
        {
            return LabelRules.Parse(text ?? LabelRules.Default);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--labels: {e.Message}");
        }
    }

    /// <summary>A span written <c>30m</c>, <c>12h</c> or <c>7d</c>.</summary>
    public static TimeSpan ParseWindow(string text)
    {
        string t = text.Trim();
        if (t.Length >= 2 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && double.IsFinite(n) && n > 0)
        {
            switch (char.ToLowerInvariant(t[^1]))
            {
                case 'm': return TimeSpan.FromMinutes(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'd': return TimeSpan.FromDays(n);
            }
        }
        throw new UsageException($"--window must be a positive span like 30m, 12h or 7d, got '{text}'");
    }
}
