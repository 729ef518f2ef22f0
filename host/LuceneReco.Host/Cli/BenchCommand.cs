using System.CommandLine;
using LuceneReco.Host.Bench;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Offline;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco bench</c>: <c>recall</c> runs <see cref="RecallBench"/>, the measurement that mirrors the Apache Lucene
/// anchor, with the MoreLikeThis settings of the anchor unless told otherwise; <c>recommend</c> runs
/// <see cref="RecommendBench"/>, one user's recommendation latency through a pipeline.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The <c>bench</c> group.</summary>
    public static Command Create(CliConsole console) =>
        new("bench", "Measurements on a corpus.") { CreateRecall(console), CreateRecommend(console) };

    private static Command CreateRecall(CliConsole console)
    {
        var items = new Option<string>("--items") { Description = "Corpus TSV (id, title, body, ...; optionally .gz).", HelpName = "FILE", Required = true };
        var mltIds = new Option<string>("--mlt-ids") { Description = "Ids to run MoreLikeThis for, one per line.", HelpName = "FILE", Required = true };
        var keywords = new Option<string>("--keywords") { Description = "Keyword queries, one per line.", HelpName = "FILE", Required = true };
        var output = new Option<string>("--out") { Description = "Directory for mlt_top10.tsv and summary.json.", HelpName = "DIR", Required = true };
        var analyzer = new Option<string>("--analyzer") { Description = "Analyzer of title and body (default english).", HelpName = "NAME", DefaultValueFactory = _ => "english" };
        var indexDir = new Option<string>("--index-dir") { Description = "Build the index here (must be new or empty) instead of a temporary directory.", HelpName = "DIR" };
        var recall = new Command("recall", "Index a corpus and time MoreLikeThis and keyword queries the way the Apache Lucene anchor does; writes mlt_top10.tsv and summary.json.")
        {
            items, mltIds, keywords, output, analyzer, indexDir,
        };
        var mlt = new MltOptions();
        mlt.AddTo(recall);
        recall.SetAction(CliApp.Guarded(console, parse => RunRecall(
            new RecallBenchOptions(parse.GetValue(items)!, parse.GetValue(mltIds)!, parse.GetValue(keywords)!, parse.GetValue(output)!)
            {
                Analyzer = parse.GetValue(analyzer)!,
                IndexDir = parse.GetValue(indexDir),
                Mlt = mlt.Read(parse, new RecallBenchOptions("", "", "", "").Mlt),
            }, console)));
        return recall;
    }

    private static int RunRecall(RecallBenchOptions options, CliConsole console)
    {
        var errors = new List<string>();
        foreach (var (name, path) in new[] { ("items", options.Items), ("MoreLikeThis ids", options.MltIds), ("keywords", options.Keywords) })
            if (!File.Exists(path)) errors.Add($"{name} file '{path}' does not exist");
        if (options.IndexDir is { } dir && Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
            errors.Add($"--index-dir '{dir}' is not empty");
        if (!LuceneReco.Index.Analysis.Analyzers.Names.Contains(options.Analyzer, StringComparer.OrdinalIgnoreCase))
            errors.Add($"unknown analyzer '{options.Analyzer}' (valid: {string.Join(", ", LuceneReco.Index.Analysis.Analyzers.Names)})");
        if (errors.Count > 0) throw new UsageException(string.Join("; ", errors));
        Directory.CreateDirectory(options.Out);
        return RecallBench.Run(options, console.Out, console.Error);
    }

    private static Command CreateRecommend(CliConsole console)
    {
        var defaults = new RecommendBenchOptions { IndexDirectory = "", Interactions = "" };
        var index = CommonOptions.Index();
        var interactions = new Option<string>("--interactions") { Description = "Interactions TSV (user, item, weight, timestamp): the models' training input, every user's history, and the users sampled.", HelpName = "FILE", Required = true };
        var models = new Option<string>("--models") { Description = "A plugin data root holding trained models (from 'lucenereco train --data DIR') to use instead of training.", HelpName = "DIR" };
        var recall = new Option<int>("--recall") { Description = $"Mean fused candidates the rerank stages should get; the recall sizes are scaled to it (default {defaults.Recall:N0}).", HelpName = "N", DefaultValueFactory = _ => defaults.Recall };
        var users = new Option<int>("--users") { Description = $"Users sampled from the interactions and timed, one request each (default {defaults.Users:N0}).", HelpName = "N", DefaultValueFactory = _ => defaults.Users };
        var seed = new Option<int>("--seed") { Description = $"Seed of the user sample (default {defaults.Seed}).", HelpName = "N", DefaultValueFactory = _ => defaults.Seed };
        var k = new Option<int>("--k", "-k") { Description = $"Items per request (1 to {PipelineRequest.MaxK}; default {defaults.K}).", HelpName = "N", DefaultValueFactory = _ => defaults.K };
        var warmup = new Option<int>("--warmup") { Description = $"Untimed requests before timing (default {defaults.Warmup}).", HelpName = "N", DefaultValueFactory = _ => defaults.Warmup };
        var calibration = new Option<int>("--calibration-users") { Description = $"Sampled users that calibrate the recall sizes (default {defaults.CalibrationUsers}).", HelpName = "N", DefaultValueFactory = _ => defaults.CalibrationUsers };
        var output = new Option<string>("--out") { Description = "Also write summary.json into this directory.", HelpName = "DIR" };
        var userCache = new Option<int>("--user-cache") { Description = $"Users whose profile queries and results are remembered between requests (0 = off; default {defaults.UserCache:N0}); a second pass over the users times them warm.", HelpName = "N", DefaultValueFactory = _ => defaults.UserCache };
        var batch = new BatchCliOptions();
        var command = new Command("recommend",
            "Time one user's recommendation request (one at a time, in-process) through a pipeline whose recall is scaled so about --recall candidates reach the rerank stages; trains the models it needs first unless --models is given.")
        {
            index, interactions, models, recall, users, seed, k, warmup, calibration, output, userCache,
        };
        batch.AddTo(command);
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            var errors = new List<string>();
            string indexDir = parse.GetValue(index)!, events = parse.GetValue(interactions)!;
            string? modelsDir = parse.GetValue(models), outDir = parse.GetValue(output);
            if (!Directory.Exists(indexDir)) errors.Add($"index directory '{indexDir}' does not exist");
            if (!File.Exists(events)) errors.Add($"interactions file '{events}' does not exist");
            if (modelsDir is not null && !Directory.Exists(modelsDir)) errors.Add($"data directory '{modelsDir}' does not exist");
            if (outDir is not null && File.Exists(outDir)) errors.Add($"--out must be a directory, '{outDir}' is a file");
            int configProblems = errors.Count;
            var config = batch.ReadConfig(parse, errors);
            bool configRead = errors.Count == configProblems;
            var options = new RecommendBenchOptions
            {
                IndexDirectory = indexDir,
                Interactions = events,
                Models = modelsDir,
                Out = outDir,
                Config = config,
                Pipeline = configRead ? parse.GetValue(batch.Pipeline) : null, // an unreadable config already said what is wrong
                Recall = parse.GetValue(recall),
                Users = parse.GetValue(users),
                Seed = parse.GetValue(seed),
                K = parse.GetValue(k),
                Warmup = parse.GetValue(warmup),
                CalibrationUsers = parse.GetValue(calibration),
                UserCache = parse.GetValue(userCache),
                Training = batch.Training.Bind(parse),
                Plugins = CommonOptions.PluginsFolder(parse.GetValue(batch.Plugins)),
                Clock = console.Time,
            };
            errors.AddRange(options.Validate());
            if (errors.Count > 0) throw new UsageException(string.Join("; ", errors));

            var report = RecommendBench.Run(options, batch.WantsProgress(parse, console) ? line => console.Error.WriteLine($"lucenereco: {line}") : null);
            foreach (var (what, count) in report.Skipped)
                console.Error.WriteLine($"lucenereco: {count} timed requests skipped {what}");
            report.WriteText(console.Out);
            if (outDir is not null)
            {
                Directory.CreateDirectory(outDir);
                File.WriteAllText(Path.Combine(outDir, "summary.json"), report.ToJson());
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
