using System.CommandLine;
using LuceneReco.Index.Search.Similarities;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco search</c>: keyword search with filters, scores and explanations.</summary>
internal static class SearchCommand
{
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var luceneNetSchema = CommonOptions.LuceneNetSchema();
        var query = new Option<string>("--query", "-q") { Description = "Words (any may match), \"a phrase\", +required, -excluded, field:word.", HelpName = "TEXT", Required = true };
        var k = CommonOptions.K();
        var filter = new Option<string[]>("--filter") { Description = "Keep only items with field=value (keyword field) or field=min..max (numeric field); repeatable.", HelpName = "FIELD=VALUE", AllowMultipleArgumentsPerToken = false };
        var fields = new Option<string>("--fields") { Description = "Comma-separated text fields to search (default: every text field).", HelpName = "LIST" };
        var similarity = CommonOptions.Similarity("bm25");
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var explain = new Option<bool>("--explain") { Description = "Show how each score is made up." };
        var command = new Command("search", "Keyword search over the index.") { index, luceneNetSchema, query, k, filter, fields, similarity, json, explain };
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            int top = CommonOptions.CheckK(parse.GetValue(k));
            using var recall = CommonOptions.OpenRecallIndex(parse.GetValue(index)!, parse.GetValue(luceneNetSchema)); // native or Lucene.Net, by the folder
            using var view = recall.Acquire();
            try
            {
                var q = view.Parse(parse.GetValue(query)!, parse.GetValue(filter) ?? [], CommonOptions.SplitList(parse.GetValue(fields)));
                var scoring = Similarity.ByName(parse.GetValue(similarity)!);
                var hits = view.Search(q, top, scoring);
                bool withExplain = parse.GetValue(explain);
                var rows = hits.Hits.Select(h => new ResultWriter.Row(h.Doc, view.IdOf(h.Doc), h.Score, null,
                    withExplain ? view.Explain(q, h.Doc, scoring) : null)).ToList();
                ResultWriter.Write(view, rows, hits.TotalHits, null, parse.GetValue(json), console.Out);
                return ExitCodes.Ok;
            }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
        }));
        return command;
    }
}
