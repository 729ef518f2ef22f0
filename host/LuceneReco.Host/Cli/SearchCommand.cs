using System.CommandLine;
using LuceneReco.Index;
using LuceneReco.Index.Search;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco search</c>: keyword search with filters, scores and explanations.</summary>
internal static class SearchCommand
{
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var query = new Option<string>("--query", "-q") { Description = "Words (any may match), \"a phrase\", +required, -excluded, field:word.", HelpName = "TEXT", Required = true };
        var k = CommonOptions.K();
        var filter = new Option<string[]>("--filter") { Description = "Keep only items with field=value (keyword field) or field=min..max (numeric field); repeatable.", HelpName = "FIELD=VALUE", AllowMultipleArgumentsPerToken = false };
        var fields = new Option<string>("--fields") { Description = "Comma-separated text fields to search (default: every text field).", HelpName = "LIST" };
        var similarity = CommonOptions.Similarity("bm25");
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var explain = new Option<bool>("--explain") { Description = "Show how each score is made up." };
        var command = new Command("search", "Keyword search over the index.") { index, query, k, filter, fields, similarity, json, explain };
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            int top = CommonOptions.CheckK(parse.GetValue(k));
            using var reader = CommonOptions.OpenReader(parse.GetValue(index)!);
            try
            {
                var parser = new QueryParser(reader.Schema, CommonOptions.SplitList(parse.GetValue(fields)));
                var q = parser.Parse(parse.GetValue(query)!, parse.GetValue(filter) ?? []);
                var searcher = new IndexSearcher(reader, Similarity.ByName(parse.GetValue(similarity)!));
                var hits = searcher.Search(q, top);
                bool withExplain = parse.GetValue(explain);
                var rows = hits.Hits.Select(h => new ResultWriter.Row(h.Doc, reader.IdOf(h.Doc), h.Score, null,
                    withExplain ? searcher.Explain(q, h.Doc) : null)).ToList();
                ResultWriter.Write(reader, rows, hits.TotalHits, null, parse.GetValue(json), console.Out);
                return ExitCodes.Ok;
            }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
        }));
        return command;
    }
}
