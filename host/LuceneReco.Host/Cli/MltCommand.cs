using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Search.MoreLikeThis;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco mlt</c>: items like one item, like free text, or like several items (a profile).</summary>
internal static class MltCommand
{
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var luceneNetSchema = CommonOptions.LuceneNetSchema();
        var id = new Option<string>("--id") { Description = "The item to find similar items for.", HelpName = "ID" };
        var text = new Option<string>("--text") { Description = "Free text to find similar items for.", HelpName = "TEXT" };
        var ids = new Option<string>("--ids") { Description = "Several items (a profile), comma-separated, each optionally ID:WEIGHT.", HelpName = "ID1,ID2" };
        var k = CommonOptions.K();
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var explain = new Option<bool>("--explain") { Description = "Show how each score is made up." };
        var mlt = new MltOptions();
        var command = new Command("mlt", "\"More like this\": items similar to an item, a text, or a set of items.") { index, luceneNetSchema, id, text, ids, k, json, explain };
        mlt.AddTo(command);
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            int top = CommonOptions.CheckK(parse.GetValue(k));
            string? one = parse.GetValue(id), free = parse.GetValue(text), many = parse.GetValue(ids);
            int given = (one is null ? 0 : 1) + (free is null ? 0 : 1) + (many is null ? 0 : 1);
            if (given != 1) throw new UsageException("give exactly one of --id, --text or --ids");
            using var recall = CommonOptions.OpenRecallIndex(parse.GetValue(index)!, parse.GetValue(luceneNetSchema)); // native or Lucene.Net, by the folder
            using var view = recall.Acquire();
            try
            {
                var options = mlt.Read(parse);
                MoreLikeThisQuery query = one is not null ? view.LikeDoc(DocOf(view, one), options)
                    : free is not null ? view.LikeText(free, options)
                    : view.LikeDocs(ParseProfile(view, many!), options);
                var hits = view.MoreLikeThis(query, top, options);
                bool withExplain = parse.GetValue(explain);
                var rows = hits.Select(h => new ResultWriter.Row(h.Doc, h.Id, h.Score, h.MatchedTerms,
                    withExplain ? view.Explain(query.Query, h.Doc, options.Similarity) : null)).ToList();
                ResultWriter.Write(view, rows, rows.Count, query.Terms, parse.GetValue(json), console.Out);
                return ExitCodes.Ok;
            }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            catch (BackendFeatureUnavailableException e) { throw new UsageException(e.Message); } // a term selection Lucene.Net lacks
        }));
        return command;
    }

    private static int DocOf(IRecallView reader, string id)
    {
        int doc = reader.DocOf(id);
        return doc >= 0 ? doc : throw new UsageException($"no item with id '{id}' in the index");
    }

    private static List<(int, float)> ParseProfile(IRecallView reader, string list)
    {
        var result = new List<(int, float)>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = part.LastIndexOf(':');
            float weight = 1f;
            string id = part;
            if (colon > 0 && float.TryParse(part[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out float w))
            {
                if (!(w > 0) || !float.IsFinite(w)) throw new UsageException($"weight of '{part[..colon]}' must be a positive number");
                weight = w;
                id = part[..colon];
            }
            result.Add((DocOf(reader, id), weight));
        }
        if (result.Count == 0) throw new UsageException("--ids names no item");
        return result;
    }
}
