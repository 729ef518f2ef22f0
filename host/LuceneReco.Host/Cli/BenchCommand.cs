using System.CommandLine;
using LuceneReco.Host.Bench;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco bench recall</c>: runs <see cref="RecallBench"/>, the measurement that mirrors the
/// Apache Lucene anchor, with the MoreLikeThis settings of the anchor unless told otherwise.
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
        var mlt = new MltOptions();
        mlt.AddTo(recall);
        recall.SetAction(CliApp.Guarded(console, parse => Run(
            new RecallBenchOptions(parse.GetValue(items)!, parse.GetValue(mltIds)!, parse.GetValue(keywords)!, parse.GetValue(output)!)
            {
                Analyzer = parse.GetValue(analyzer)!,
                IndexDir = parse.GetValue(indexDir),
                Mlt = mlt.Read(parse, new RecallBenchOptions("", "", "", "").Mlt),
            }, console)));
        return new Command("bench", "Measurements on a corpus.") { recall };
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
