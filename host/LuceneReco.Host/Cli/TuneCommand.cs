using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Offline.Tuning;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco tune</c>: fits the recommendation pipeline to a catalogue. Splits the given (training) interactions again into
/// fit and validation parts, searches model settings, recall sizes, fusion and stage weights and how cold items are placed
/// (<see cref="PipelineTuner"/>, seeded successive halving), prints progress and the best settings beside the defaults, and
/// writes a configuration file <c>serve</c>, <c>recommend-batch</c> and <c>eval</c> read (<see cref="PipelineFile"/>).
/// </summary>
internal static partial class TuneCommand
{
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var interactions = new Option<string>("--interactions") { Description = "The interactions to tune on (a training part: tune holds out its own validation part and never sees a test set).", HelpName = "FILE", Required = true };
        var output = new Option<string>("--out") { Description = "The pipeline configuration to write (JSON; written only when tuning succeeds).", HelpName = "PIPELINE.json", Required = true };
        var budget = new Option<string>("--budget") { Description = "Wall time the search may take, e.g. 90s, 20m, 1h (default 20m).", HelpName = "TIME", DefaultValueFactory = _ => "20m" };
        var metric = new Option<string>("--metric") { Description = "What to maximise on validation: ndcg@N, recall@N or mrr@N, or the mean of two or three joined by + (default ndcg@10+recall@20).", HelpName = "METRIC", DefaultValueFactory = _ => "ndcg@10+recall@20" };
        var seed = new Option<int>("--seed") { Description = "Seeds the validation split, the users of each rung and the trials drawn (default 7).", HelpName = "N", DefaultValueFactory = _ => 7 };
        var trials = new Option<int>("--trials") { Description = "Trials drawn, the defaults first (default 40; fewer run when the budget runs out).", HelpName = "N", DefaultValueFactory = _ => 40 };
        var split = new Option<string>("--split") { Description = "Validation holds out each user's newest events (time), random ones (random), or time when every event has a time (auto, the default).", HelpName = "auto|time|random", DefaultValueFactory = _ => "auto" };
        var fraction = new Option<double>("--validation-fraction") { Description = "Share of each user's events held out for validation (default 0.2).", HelpName = "X", DefaultValueFactory = _ => 0.2 };
        var cold = new Option<double>("--cold-items") { Description = "Share of items whose every interaction is held out for validation first, so the search weighs how cold items are placed (default 0).", HelpName = "X", DefaultValueFactory = _ => 0 };
        var users = new Option<int?>("--validation-users") { Description = "Judge at most this many validation users, a seeded sample (default: every user with held-out items); bounds a trial's cost on a large catalogue.", HelpName = "N" };
        var plugins = CommonOptions.Plugins();
        var training = new TrainingOptions();
        var command = new Command("tune", "Fit the recommendation pipeline to this catalogue: search model settings, recall sizes, weights and cold-item placement on a validation split of the given interactions.")
        {
            index, interactions, output, budget, metric, seed, trials, split, fraction, cold, users, plugins,
        };
        training.AddTo(command);
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            string indexDirectory = parse.GetValue(index)!;
            if (!Directory.Exists(indexDirectory)) throw new UsageException($"index directory '{indexDirectory}' does not exist");
            TimeSpan limit = ParseBudget(parse.GetValue(budget)!);
            var chosenMetric = TuneMetric.Parse(parse.GetValue(metric)) ?? throw new UsageException($"--metric must be ndcg@N, recall@N or mrr@N, or two or three of them joined by +, got '{parse.GetValue(metric)}'");
            string splitName = parse.GetValue(split)!.Trim().ToLowerInvariant();
            if (splitName is not ("auto" or "time" or "random")) throw new UsageException($"--split must be auto, time or random, got '{parse.GetValue(split)}'");
            int trialCount = parse.GetValue(trials);
            if (trialCount is < 1 or > 10_000) throw new UsageException($"--trials must be 1 to 10000, got {trialCount}");
            double share = parse.GetValue(fraction);
            if (!(share is > 0 and < 1)) throw new UsageException($"--validation-fraction must be between 0 and 1, got {share.ToString(CultureInfo.InvariantCulture)}");
            double coldShare = parse.GetValue(cold);
            if (!(coldShare is >= 0 and < 1)) throw new UsageException($"--cold-items must be 0 or more and below 1, got {coldShare.ToString(CultureInfo.InvariantCulture)}");
            int? maxUsers = parse.GetValue(users);
            if (maxUsers is < TuneOptions.MinUsers) throw new UsageException($"--validation-users must be at least {TuneOptions.MinUsers}, got {maxUsers}");
            string outPath = parse.GetValue(output)!;
            var fixedTraining = training.Bind(parse);
            if (fixedTraining.Validate() is { Count: > 0 } problems) throw new UsageException(string.Join("; ", problems));

            var now = console.Time.GetUtcNow();
            var events = InteractionFiles.ReadAll(parse.GetValue(interactions)!, now, requireTimestamps: splitName == "time");
            if (events.Count == 0) throw new UsageException($"interactions file '{parse.GetValue(interactions)}' has no events");
            bool byTime = splitName == "time" || (splitName == "auto" && !events.Any(e => e.Timestamp == now));
            var options = new TuneOptions
            {
                IndexDirectory = indexDirectory,
                Events = events,
                ByTime = byTime,
                ValidationFraction = share,
                ColdItems = coldShare,
                MaxValidationUsers = maxUsers,
                Metric = chosenMetric,
                Search = new HalvingSearchOptions { Seed = parse.GetValue(seed), MaxTrials = trialCount, Budget = limit, Clock = console.Time, Cost = PipelineSpace.Cost },
                FixedTraining = fixedTraining.Values,
                PluginsDirectory = CommonOptions.PluginsFolder(parse.GetValue(plugins)),
            };
            TuneResult result = Tune(console, options);
            WriteAtomically(outPath, PipelineFile.Write(result.Pipeline, result.Training));
            Report(console.Out, options, result, outPath);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Runs the tuner with progress on stderr; bad input and a budget too small for one trial become usage errors (exit 2).</summary>
    public static TuneResult Tune(CliConsole console, TuneOptions options)
    {
        try
        {
            using var tuner = PipelineTuner.Open(options, line => console.Error.WriteLine($"lucenereco: tune: {line}"));
            var v = tuner.Validation;
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"lucenereco: tune: {(options.ByTime ? "newest" : "random")} {options.ValidationFraction:0.##} of each user held out: {v.Split.Train.Count:N0} fit / {v.Split.Test.Count:N0} validation events, {v.Users.Count:N0} users judged, {v.Items:N0} items; budget {HalvingSearch.Format(options.Search.Budget)}, up to {options.Search.MaxTrials} trials, metric {options.Metric.Name}"));
            return tuner.Run();
        }
        catch (TuneInputException e)
        {
            throw new UsageException(e.Message);
        }
        catch (SearchBudgetException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static void Report(TextWriter output, TuneOptions options, TuneResult r, string outPath)
    {
        var c = CultureInfo.InvariantCulture;
        var s = r.Search;
        int skipped = s.Trials.Count(t => t.Rungs.Any(o => o.Skipped is not null));
        output.WriteLine(string.Create(c, $"tuned in {HalvingSearch.Format(s.Elapsed)}: {s.Trials.Count} trials ({skipped} skipped), rung {s.Rung + 1} of {options.Search.Rungs.Count}{(s.StoppedBy is null ? "" : ", stopped by the " + s.StoppedBy)}; chose trial {s.Best.Number}"));
        foreach (var why in s.Trials.Select(t => t.Last.Skipped).OfType<string>().Distinct()) output.WriteLine("skipped: " + why);
        output.WriteLine(string.Create(c, $"validation ({r.ValidationUsers:N0} users)  {string.Join("  ", r.Best.Metrics.Keys.Select(k => $"{k,10}"))}"));
        output.WriteLine("  defaults             " + string.Join("  ", r.Defaults.Metrics.Values.Select(v => v.ToString("0.0000", c).PadLeft(10))));
        output.WriteLine("  tuned                " + string.Join("  ", r.Best.Metrics.Values.Select(v => v.ToString("0.0000", c).PadLeft(10))));
        output.WriteLine("settings:");
        foreach (var (name, value) in s.Best.Settings) output.WriteLine($"  {name} = {value}");
        output.WriteLine($"wrote {outPath}; its \"training\" settings are used by recommend-batch and eval --config; to serve it: lucenereco train --index DIR "
            + string.Join(" ", r.Training.Select(p => $"--set {p.Key}={p.Value}")) + $" && lucenereco serve --index DIR --config {outPath}");
    }

    private static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, text);
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads <c>90s</c>, <c>20m</c>, <c>1h30m</c> or a number of seconds.</summary>
    public static TimeSpan ParseBudget(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0) return TimeSpan.FromSeconds(seconds);
        var m = Duration().Match(t);
        if (!m.Success || t.Length == 0) throw new UsageException($"--budget must be a time such as 90s, 20m or 1h30m, got '{text}'");
        double total = 0;
        if (m.Groups["h"].Success) total += 3600 * double.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["m"].Success) total += 60 * double.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["s"].Success) total += double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture);
        if (!(total > 0)) throw new UsageException($"--budget must be more than nothing, got '{text}'");
        return TimeSpan.FromSeconds(total);
    }

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m)?(?:(?<s>\d+(?:\.\d+)?)s)?$")]
    private static partial Regex Duration();
}
