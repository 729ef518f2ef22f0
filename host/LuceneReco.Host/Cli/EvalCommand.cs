using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Offline;
using LuceneReco.Plugins;
using LuceneReco.Host.Interactions;
using LuceneReco.Host.Offline.Evaluation;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Offline.Tuning;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco eval</c>: splits interactions per user, runs a pipeline on the training part as <c>recommend-batch</c>
/// does, and scores it beside popularity and item-kNN on the held-out part (optionally with cold items).
/// </summary>
internal static class EvalCommand
{
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var interactions = new Option<string>("--interactions") { Description = "Interactions TSV (user, item, weight, timestamp).", HelpName = "FILE", Required = true };
        var split = new Option<string>("--split") { Description = "Hold out each user's newest events (time) or random ones (random; default time).", HelpName = "time|random", DefaultValueFactory = _ => "time" };
        var seed = new Option<int>("--seed") { Description = "Seed of the random split and of the cold items (default 7).", HelpName = "N", DefaultValueFactory = _ => 7 };
        var fraction = new Option<double>("--test-fraction") { Description = "Share of each user's events held out (default 0.2).", HelpName = "X", DefaultValueFactory = _ => 0.2 };
        var cold = new Option<double>("--cold-items") { Description = "Share of items whose every event is held out first, to measure recall of items no model saw (default 0).", HelpName = "X", DefaultValueFactory = _ => 0 };
        var k = new Option<int>("--k", "-k") { Description = "List length; Recall and MRR are cut here, NDCG at 10 (default 20).", HelpName = "N", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var tune = new Option<bool>("--tune") { Description = "Also run 'tune' on the training part (its own validation split; the test part is never seen) and score the tuned pipeline beside the others." };
        var tuneBudget = new Option<string>("--tune-budget") { Description = "Wall time tuning may take (default 20m).", HelpName = "TIME", DefaultValueFactory = _ => "20m" };
        var tuneTrials = new Option<int>("--tune-trials") { Description = "Trials tuning draws (default 40).", HelpName = "N", DefaultValueFactory = _ => 40 };
        var tuneMetric = new Option<string>("--tune-metric") { Description = "What tuning maximises: ndcg@N, recall@N, mrr@N or a mean of them joined by + (default ndcg@10+recall@20).", HelpName = "METRIC", DefaultValueFactory = _ => "ndcg@10+recall@20" };
        var batch = new BatchCliOptions();
        var metrics = new EvalMetricsOptions();
        var sweep = new EvalSweep();
        var command = new Command("eval", "Offline quality: split interactions per user, run a pipeline, and score it beside popularity and item-kNN.")
        {
            index, interactions, split, seed, fraction, cold, k, json, tune, tuneBudget, tuneTrials, tuneMetric,
        };
        batch.AddTo(command);
        metrics.AddTo(command);
        sweep.AddTo(command);
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            string splitName = parse.GetValue(split)!.Trim().ToLowerInvariant();
            if (splitName is not ("time" or "random")) throw new UsageException($"--split must be time or random, got '{parse.GetValue(split)}'");
            double testFraction = parse.GetValue(fraction), coldShare = parse.GetValue(cold);
            if (!(testFraction is > 0 and < 1)) throw new UsageException($"--test-fraction must be between 0 and 1, got {testFraction.ToString(CultureInfo.InvariantCulture)}");
            if (!(coldShare is >= 0 and < 1)) throw new UsageException($"--cold-items must be 0 or more and below 1, got {coldShare.ToString(CultureInfo.InvariantCulture)}");
            var options = batch.Bind(parse, parse.GetValue(index)!, parse.GetValue(k));
            var metricOptions = metrics.Bind(parse, options.K);
            var sweepSpec = sweep.Bind(parse);
            string pipelineName = options.Pipeline ?? options.Config.DefaultFor(RequestKind.Recommend, hasQuery: false);
            var variants = new List<(string Name, PipelineDefinition Pipeline)>();
            if (sweepSpec is not null && options.Config.Find(pipelineName) is { } swept)
                foreach (string value in sweepSpec.Values)
                {
                    try { variants.Add((sweepSpec.RunName(value), sweepSpec.Apply(swept, value))); }
                    catch (ArgumentException e) { throw new UsageException(e.Message); }
                }
            var events = InteractionFiles.ReadAll(parse.GetValue(interactions)!, console.Time.GetUtcNow(), requireTimestamps: splitName == "time");
            if (events.Count == 0) throw new UsageException($"interactions file '{parse.GetValue(interactions)}' has no events");
            var (parts, coldItems) = EvaluationSplit.Create(events, splitName == "time", testFraction, coldShare, parse.GetValue(seed));
            TuneResult? tuned = null;
            if (parse.GetValue(tune))
            {
                var metric = TuneMetric.Parse(parse.GetValue(tuneMetric)) ?? throw new UsageException($"--tune-metric must be ndcg@N, recall@N or mrr@N, or two or three of them joined by +, got '{parse.GetValue(tuneMetric)}'");
                tuned = TuneCommand.Tune(console, new TuneOptions
                {
                    IndexDirectory = options.IndexDirectory,
                    Events = parts.Train, // the training part only: tune splits it again and never sees the test part
                    ByTime = splitName == "time",
                    ColdItems = coldShare, // tuning holds out its own cold items from the training part, so it can weigh their placement
                    Metric = metric,
                    Search = new HalvingSearchOptions { Seed = parse.GetValue(seed), MaxTrials = parse.GetValue(tuneTrials), Budget = TuneCommand.ParseBudget(parse.GetValue(tuneBudget)!), Clock = console.Time, Cost = PipelineSpace.Cost },
                    FixedTraining = options.Training.Values,
                    PluginsDirectory = options.Plugins,
                });
                console.Error.WriteLine($"lucenereco: tune chose: {string.Join(" ", tuned.Search.Best.Settings.Select(p => $"{p.Key}={p.Value}"))}");
            }
            var run = Evaluate(console, batch, parse, options, parts, coldItems, variants, tuned);
            var report = run.Scores;
            var beyond = EvalBeyondAccuracy.Score(options.IndexDirectory, run, metricOptions);
            var header = new EvalHeader(splitName, testFraction, coldShare, coldItems.Count, parts.Train.Count, parts.Test.Count, options.K, pipelineName);
            if (parse.GetValue(json)) console.Out.WriteLine(JsonSerializer.Serialize(new { header, systems = report, diversity = beyond }, JsonOptions));
            else
            {
                WriteTable(console.Out, header, report);
                EvalBeyondAccuracy.WriteTable(console.Out, beyond, metricOptions.Depth);
            }
            if (sweepSpec is not null)
            {
                var rows = new List<SweepRow>(report.Count);
                for (int i = 0; i < report.Count; i++)
                    rows.Add(new SweepRow(report[i].Name, i >= report.Count - variants.Count ? sweepSpec.Values[i - (report.Count - variants.Count)] : null,
                        report[i].Ndcg10, report[i].Recall, report[i].Coverage, beyond[i].Scores));
                if (!parse.GetValue(json)) console.Out.WriteLine();
                sweep.Report(parse, parse.GetValue(json) ? console.Error : console.Out,
                    $"{pipelineName}: {sweepSpec.Stage}.{sweepSpec.Option} swept ({header.Split} split, {report[0].Users:N0} users, k {options.K})", rows, options.K);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>What was evaluated, for the report's first line.</summary>
    private sealed record EvalHeader(string Split, double TestFraction, double ColdItems, int ColdItemCount, int TrainEvents, int TestEvents, int K, string Pipeline);

    /// <summary>Scores popularity, item-kNN and the pipeline on the same judged users.</summary>
    private static EvalLists Evaluate(CliConsole console, BatchCliOptions batch, ParseResult parse, BatchOptions options, Split split, IReadOnlySet<string> cold,
        IReadOnlyList<(string Name, PipelineDefinition Pipeline)> variants, TuneResult? tuned)
    {
        var history = new Dictionary<string, List<Interaction>>(StringComparer.Ordinal);
        var usersOfItem = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var e in split.Train)
        {
            if (!history.TryGetValue(e.UserId, out var list)) { history[e.UserId] = list = []; seen[e.UserId] = new HashSet<string>(StringComparer.Ordinal); }
            list.Add(e);
            if (seen[e.UserId].Add(e.ItemId)) usersOfItem[e.ItemId] = usersOfItem.GetValueOrDefault(e.ItemId) + 1;
        }
        var heldOut = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var e in split.Test)
        {
            if (!seen.TryGetValue(e.UserId, out var had) || had.Contains(e.ItemId)) continue;
            if (!heldOut.TryGetValue(e.UserId, out var set)) heldOut[e.UserId] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(e.ItemId);
        }
        var users = heldOut.Keys.ToList();
        if (users.Count == 0) throw new UsageException("no user has both training history and held-out items; use more interactions or a larger --test-fraction");
        var relevant = users.Select(u => (IReadOnlySet<string>)heldOut[u]).ToList();
        var coldRelevant = users.Select(u => (IReadOnlySet<string>)heldOut[u].Where(cold.Contains).ToHashSet(StringComparer.Ordinal)).ToList();

        var popularity = new PopularityRecommender(split.Train);
        var popLists = users.Select(u => (IReadOnlyList<string>)popularity.Recommend(seen[u], options.K)).ToList();
        var ours = batch.Run(console, options, split.Train, users, parse, [(ItemKnnBaseline, KnnBaseline(options.K)), .. variants]);
        var knnLists = ours.Baselines[ItemKnnBaseline];

        var systems = new List<(string Name, IReadOnlyList<IReadOnlyList<string>> Lists)>
        {
            ("popularity", popLists),
            (ItemKnnBaseline, knnLists),
            (options.Pipeline ?? options.Config.DefaultFor(RequestKind.Recommend, hasQuery: false), ours.Lists),
        };
        if (tuned is not null)
        {
            // the tuned pipeline with the models it was tuned with (the command line's settings still win, as tune kept them fixed)
            var config = RecoPipelines.BuiltIn with
            {
                Pipelines = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal) { [RecoPipelines.Name] = tuned.Pipeline },
                Training = tuned.Training,
            };
            var tunedOptions = options with { Config = config, Pipeline = null, Training = BatchCliOptions.WithConfigTraining(options.Training, config) };
            systems.Add(("tuned", batch.Run(console, tunedOptions, split.Train, users, parse).Lists));
        }
        foreach (var (name, _) in variants) systems.Add((name, ours.Baselines[name])); // last: the sweep's rows are the final ones
        var scores = systems.Select(s => SystemScores.Of(s.Name, s.Lists, relevant, coldRelevant, options.K, usersOfItem, history.Count)).ToList();
        var pasts = users.Select(u => (IReadOnlyCollection<string>)seen[u]).ToList();
        return new EvalLists(scores, systems, users, relevant, pasts, usersOfItem);
    }

    /// <summary>The item-kNN baseline's name in the report.</summary>
    private const string ItemKnnBaseline = "item-kNN";

    /// <summary>The item-kNN baseline: the <c>itemknn</c> plugin's candidates alone, in its order (the plugin is trained with the same settings).</summary>
    private static PipelineDefinition KnnBaseline(int k) => new()
    {
        Recall = [new RecallStep { Source = "itemknn", Size = k }],
        Fusion = "rrf",
    };

    private static void WriteTable(TextWriter output, EvalHeader h, List<SystemScores> systems)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"split {h.Split} (test fraction {h.TestFraction}), {h.TrainEvents:N0} train / {h.TestEvents:N0} test events, {systems[0].Users:N0} users judged, k {h.K}")
            + (h.ColdItemCount > 0 ? string.Create(c, $", cold items {h.ColdItems} ({h.ColdItemCount:N0} items, {systems[0].ColdUsers:N0} users)") : ""));
        string coldHeader = h.ColdItemCount > 0 ? $"  cold R@{h.K}" : "";
        output.WriteLine($"{"system",-16} {"NDCG@" + Math.Min(10, h.K),8} {"Recall@" + h.K,9} {"MRR@" + h.K,7} {"coverage",8} {"novelty",7}{coldHeader}");
        foreach (var s in systems)
        {
            string coldValue = h.ColdItemCount > 0 ? (double.IsNaN(s.ColdRecall) ? "         -" : s.ColdRecall.ToString("0.0000", c).PadLeft(10 + 1)) : "";
            output.WriteLine(string.Create(c, $"{s.Name,-16} {s.Ndcg10,8:0.0000} {s.Recall,9:0.0000} {s.Mrr,7:0.0000} {s.Coverage,8:0.000} {s.Novelty,7:0.00}") + coldValue);
        }
    }
}
