using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Experiments;
using LuceneReco.Host.FeatureLog;
using LuceneReco.Host.Http;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco experiment report</c>: an experiment's online figures from its impressions (the feature log the configuration
/// names) and the interactions after them: click-through and conversion per pipeline and variant with a two-proportion z-test,
/// interleaving wins with a sign test, and how many more users the planned effect needs (docs/experiments.md).
/// </summary>
internal static class ExperimentCommand
{
    /// <summary>The group with its subcommands.</summary>
    public static Command Create(CliConsole console) =>
        new("experiment", "Interleaving experiments: report what the users' clicks say about a candidate pipeline.") { Report(console) };

    private static Command Report(CliConsole console)
    {
        var config = new Option<string>("--config") { Description = "The serving configuration whose \"experiments\" to report (what 'serve --config' was given).", HelpName = "FILE", Required = true };
        var store = new Option<string>("--store") { Description = "The interaction store (SQLite) with the clicks and conversions.", HelpName = "FILE" };
        var interactions = new Option<string>("--interactions") { Description = "An interactions file instead of --store.", HelpName = "FILE" };
        var experiment = new Option<string>("--experiment") { Description = "Report this experiment only (default: every one).", HelpName = "NAME" };
        var logFile = new Option<string>("--log") { Description = "Read the impressions from this feature log instead of the path the configuration names (e.g. when run from another folder).", HelpName = "FILE" };
        var effect = new Option<double>("--effect") { Description = "The candidate's share of preferences above one half to plan for (default 0.05: it wins 55 %).", DefaultValueFactory = _ => 0.05 };
        var lift = new Option<double>("--lift") { Description = "The relative change of the click-through rate to plan for (default 0.1: 10 %).", DefaultValueFactory = _ => 0.1 };
        var alpha = new Option<double>("--alpha") { Description = "The tests' level (default 0.05).", DefaultValueFactory = _ => 0.05 };
        var power = new Option<double>("--power") { Description = "The chance to detect the planned effect (default 0.8).", DefaultValueFactory = _ => 0.8 };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON (as GET /metrics gives them)." };
        var command = new Command("report", "Click-through, conversion and interleaving wins of each experiment, with p-values and the users still needed.")
        {
            config, store, interactions, experiment, logFile, effect, lift, alpha, power, json,
        };
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            var goal = new ExperimentReport.Goal(parse.GetValue(effect), parse.GetValue(lift), parse.GetValue(alpha), parse.GetValue(power));
            CheckGoal(goal);
            string file = parse.GetValue(config)!;
            if (!File.Exists(file)) throw new UsageException($"config file '{file}' does not exist");
            var (parsed, problems) = ServingConfigParser.Parse(File.ReadAllText(file));
            if (parsed is null) throw new UsageException($"{file}: {string.Join("; ", problems)}");
            var chosen = Chosen(parsed, parse.GetValue(experiment));
            var (events, _) = TrainCommand.ReadEvents(parse.GetValue(store), parse.GetValue(interactions), console.Time.GetUtcNow());
            var byUser = events.GroupBy(e => e.UserId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var summaries = new List<ExperimentSummary>();
            foreach (var (name, settings) in chosen)
            {
                string path = parse.GetValue(logFile) ?? settings.ImpressionLog(parsed)!.Path;
                if (!File.Exists(path)) throw new UsageException($"experiment '{name}': its impression log '{path}' does not exist (nothing was served yet, or give --log)");
                List<ServedList> lists;
                try
                {
                    lists = ImpressionLog.Read(path, name, settings.Control);
                }
                catch (FeatureLogException e)
                {
                    throw new UsageException(e.Message);
                }
                summaries.Add(ExperimentReport.Compute(name, settings, lists, u => byUser.GetValueOrDefault(u) ?? [], goal));
            }
            if (parse.GetValue(json)) console.Out.WriteLine(JsonSerializer.Serialize(summaries, Indented));
            else foreach (var s in summaries) Write(console.Out, s);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static readonly JsonSerializerOptions Indented = new(HttpJson.Write) { WriteIndented = true };

    private static List<(string Name, ExperimentSettings Settings)> Chosen(ServingConfig config, string? only)
    {
        if (config.Experiments.Count == 0) throw new UsageException("the configuration has no \"experiments\"");
        if (only is null) return [.. config.Experiments.Select(p => (p.Key, p.Value))];
        if (config.Experiments.TryGetValue(only, out var one)) return [(only, one)];
        throw new UsageException($"no experiment named '{only}' (experiments: {string.Join(", ", config.Experiments.Keys)})");
    }

    private static void CheckGoal(ExperimentReport.Goal goal)
    {
        var problems = new List<string>();
        if (!(goal.Effect > 0 && goal.Effect < 0.5)) problems.Add(F($"--effect must be above 0 and below 0.5, got {goal.Effect}"));
        if (!(goal.Lift > 0 && goal.Lift <= 10)) problems.Add(F($"--lift must be above 0 and at most 10, got {goal.Lift}"));
        if (!(goal.Alpha > 0 && goal.Alpha < 1)) problems.Add(F($"--alpha must be above 0 and below 1, got {goal.Alpha}"));
        if (!(goal.Power > 0 && goal.Power < 1)) problems.Add(F($"--power must be above 0 and below 1, got {goal.Power}"));
        if (problems.Count > 0) throw new UsageException(string.Join("; ", problems));
    }

    /// <summary>The report for people: one block per experiment.</summary>
    internal static void Write(TextWriter w, ExperimentSummary s)
    {
        var i = s.Interleaving;
        w.WriteLine(F($"experiment '{s.Experiment}': control '{s.Control}' (A) against candidate '{s.Candidate}' (B), {s.Method}, {Pct(s.Traffic, 0)} of the control's users, events within {s.AttributionMinutes} min"));
        w.WriteLine(F($"  interleaving: B preferred in {i.Wins:N0} lists, A in {i.Losses:N0}, {i.Ties:N0} ties, {i.NoClick:N0} without a click; {(i.Wins + i.Losses == 0 ? "no preferences yet" : "B's share " + Pct(i.CandidateShare, 1) + ", sign test p " + P(i.P))}"));
        w.WriteLine(F($"  by user (each user once): B preferred by {i.UserWins:N0} users, A by {i.UserLosses:N0}; sign test p {P(i.UserP)}"));
        w.WriteLine(F($"  click-through: {Rate(s.ControlOwn, r => r.ClickThroughRate, "control alone")}; {Rate(s.Interleaved, r => r.ClickThroughRate, "interleaved")}{Test(s.ClickThrough)}"));
        w.WriteLine(F($"  conversion: {Rate(s.ControlOwn, r => r.ConversionRate, "control alone")}; {Rate(s.Interleaved, r => r.ConversionRate, "interleaved")}{Test(s.Conversion)}"));
        w.WriteLine(F($"  by variant in interleaved lists: A clicked in {Pct(s.VariantA.ClickThroughRate, 1)}, converted in {Pct(s.VariantA.ConversionRate, 1)}; B clicked in {Pct(s.VariantB.ClickThroughRate, 1)}, converted in {Pct(s.VariantB.ConversionRate, 1)}"));
        var plan = s.Plan;
        string pref = plan.InterleavingUsersNeeded is { } u
            ? (u == 0 ? "enough users" : F($"about {u:N0} more users"))
            : "no preferences yet to extrapolate from";
        w.WriteLine(F($"  needed: {plan.PreferencesNeeded:N0} preferences to detect B winning {Pct(0.5 + plan.Effect, 0)} (alpha {plan.Alpha}, power {plan.Power}): {pref}"));
        if (plan.ListsNeededPerSide is { } lists)
        {
            string more = plan.RateUsersNeeded is { } r ? (r == 0 ? "enough users" : F($"about {r:N0} more users on the smaller side")) : "no lists yet to extrapolate from";
            w.WriteLine(F($"          {lists:N0} lists per side to detect a {Pct(plan.Lift, 0)} change in click-through: {more}"));
        }
    }

    private static string Rate(RateFigures r, Func<RateFigures, double> rate, string label) =>
        r.Lists == 0 ? $"no {label} lists" : F($"{label} {Pct(rate(r), 1)} of {r.Lists:N0} lists ({r.Users:N0} users)");

    private static string Test(RateTest? t) => t is null ? "" : F($"; z = {t.Z:0.00}, p {P(t.P)}");

    private static string Pct(double share, int decimals) => (share * 100).ToString(decimals == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>"= 0.0123" or "&lt; 0.0001", to follow "p ".</summary>
    private static string P(double p) => p < 0.0001 ? "< 0.0001" : "= " + p.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
