using System.CommandLine;
using LuceneReco.Host.Bench;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco bench recall</c>: runs <see cref="RecallBench"/>, the measurement that mirrors the
/// Apache Lucene anchor. The positional form <c>lucenereco bench-recall ITEMS MLT_IDS KEYWORDS OUT [ANALYZER]</c>
/// of the first bench entry point still works (hidden from help).
/// </summary>
internal static class BenchCommand
{
    /// <summary>The <c>bench</c> group.</summary>
    public static Command Create(CliConsole console)
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
        recall.SetAction(CliApp.Guarded(console, parse => Run(
            new RecallBenchOptions(parse.GetValue(items)!, parse.GetValue(mltIds)!, parse.GetValue(keywords)!, parse.GetValue(output)!)
            {
                Analyzer = parse.GetValue(analyzer)!,
                IndexDir = parse.GetValue(indexDir),
            }, console)));
        return new Command("bench", "Measurements on a corpus.") { recall };
    }

    /// <summary>The hidden positional form kept for existing scripts: <c>bench-recall ITEMS MLT_IDS KEYWORDS OUT [ANALYZER]</c>.</summary>
    public static Command CreateLegacy(CliConsole console)
    {
        var arguments = new Argument<string[]>("args") { Arity = new ArgumentArity(4, 5) };
        var command = new Command("bench-recall", "Same as 'bench recall' with positional arguments.") { Hidden = true };
        command.Arguments.Add(arguments);
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            var a = parse.GetValue(arguments)!;
            return Run(new RecallBenchOptions(a[0], a[1], a[2], a[3]) { Analyzer = a.Length > 4 ? a[4] : "english" }, console);
        }));
        return command;
    }

    private static int Run(RecallBenchOptions options, CliConsole console)
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
}
