using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Http;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco recommend</c>: runs a pipeline in-process for one user, on the index's last commit.</summary>
internal static class RecommendCommand
{
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var plugins = CommonOptions.Plugins();
        var store = new Option<string>("--store") { Description = "The interaction store (SQLite file) the user's history is read from (default: none; give --recent).", HelpName = "FILE" };
        var data = new Option<string>("--data") { Description = "Where plugins find their data and models, one folder per plugin (default: INDEX.plugin-data beside the index, where 'train --index INDEX' writes).", HelpName = "DIR" };
        var config = new Option<string>("--config") { Description = "Pipeline configuration JSON (default: the built-in pipelines: 'default' (search + profile + similar, RRF) for searches and 'recommend' (als + itemknn + profile + semantic-profile, RRF, the als and itemknn stages, one place in 20 for new items; trending with one place in 5 for the newest items when there is no history) for recommendations).", HelpName = "FILE" };
        var user = new Option<string>("--user") { Description = "The user to recommend for.", HelpName = "U", Required = true };
        var recent = new Option<string>("--recent") { Description = "The user's recent items, newest first, comma-separated.", HelpName = "ID,ID" };
        var query = new Option<string>("--query") { Description = "Keyword query text for the pipeline's search source.", HelpName = "TEXT" };
        var k = CommonOptions.K();
        var pipeline = new Option<string>("--pipeline") { Description = "The pipeline (default: the configured default).", HelpName = "NAME" };
        var json = new Option<bool>("--json") { Description = "Print the HTTP API's JSON instead of text." };
        var explain = new Option<bool>("--explain") { Description = "Show per-stage scores and explanation lines." };
        var luceneNetSchema = CommonOptions.LuceneNetSchema();
        var command = new Command("recommend", "Recommendations for a user through a pipeline (recall, fusion, rerank stages), without a server.")
        {
            index, plugins, store, data, config, user, recent, query, k, pipeline, json, explain, luceneNetSchema,
        };
        command.SetAction(CliApp.Guarded(console, parse =>
        {
            var options = new ServeOptions
            {
                Index = parse.GetValue(index)!,
                Plugins = parse.GetValue(plugins),
                Store = parse.GetValue(store),
                Config = parse.GetValue(config),
                DataDirectory = parse.GetValue(data),
                LuceneNetSchema = parse.GetValue(luceneNetSchema),
                ReadOnly = true,
            };
            var errors = options.Validate();
            if (options.Store is { } storeFile && errors.Count == 0 && StoreOption.Missing(storeFile) is { } missing) errors.Add(missing);
            if (errors.Count > 0) throw new UsageException(string.Join("; ", errors));
            if (string.IsNullOrWhiteSpace(parse.GetValue(user))) throw new UsageException("--user must not be empty");
            bool withExplain = parse.GetValue(explain);
            var request = new PipelineRequest
            {
                Kind = RequestKind.Recommend,
                UserId = parse.GetValue(user),
                RecentItems = CommonOptions.SplitList(parse.GetValue(recent)),
                QueryText = parse.GetValue(query),
                K = CommonOptions.CheckK(parse.GetValue(k)),
                Pipeline = parse.GetValue(pipeline),
                Explain = withExplain,
            };
            // One run: loading the plugins is not news, failing to is.
            var log = (string line) => { if (!line.StartsWith("plugins: loaded ", StringComparison.Ordinal)) console.Error.WriteLine($"lucenereco: {line}"); };
            ServingHost host;
            try
            {
                host = ServingHost.Open(options, console.Time, log);
            }
            catch (ConfigException e) { throw new UsageException(e.Message); }
            catch (ArgumentException e) { throw new UsageException(e.Message); } // a Lucene.Net schema that does not fit the index
            using (host)
            {
                foreach (var warning in host.Runner.Config.Warnings) console.Error.WriteLine($"lucenereco: warning: {warning}");
                using var view = host.Index.Acquire(); // held until the output is written: its stored fields are printed
                PipelineResult result;
                try
                {
                    result = host.Runner.RunAsync(request, view).GetAwaiter().GetResult();
                }
                catch (RequestException e) { throw new UsageException(e.Message); }
                if (parse.GetValue(json)) console.Out.WriteLine(JsonSerializer.Serialize(ResultsResponse.From(result, withExplain), Indented));
                else WriteText(result, withExplain, console.Out);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static readonly JsonSerializerOptions Indented = new(HttpJson.Write) { WriteIndented = true };

    private static void WriteText(PipelineResult result, bool explain, TextWriter output)
    {
        var reader = result.View;
        int idWidth = 2;
        foreach (var c in result.Items) idWidth = Math.Max(idWidth, c.ItemId.Length);
        for (int i = 0; i < result.Items.Count; i++)
        {
            var c = result.Items[i];
            int doc = reader.DocOf(c.ItemId);
            string title = doc >= 0 ? reader.Stored(doc).Get("title") ?? "" : "";
            output.WriteLine($"{i + 1,3}. {c.ItemId.PadRight(idWidth)}  {c.Score.ToString("0.0000", CultureInfo.InvariantCulture),9}  {title}".TrimEnd());
            if (!explain) continue;
            var scores = new List<string>();
            foreach (var (stage, score) in new SortedDictionary<string, double>(c.StageScores, StringComparer.Ordinal))
                scores.Add($"{stage} {score.ToString("0.####", CultureInfo.InvariantCulture)}");
            foreach (var line in c.Explanations) output.WriteLine($"       {line}");
            output.WriteLine($"       debug: scores {string.Join(", ", scores)}");
            foreach (var line in c.DebugLines) output.WriteLine($"       debug: {line}");
        }
        if (result.Items.Count == 0) output.WriteLine("no results");
        foreach (var s in result.SkippedStages) output.WriteLine($"skipped {s.Stage}: {s.Reason}");
        if (explain && result.Plugins.Count > 0)
            output.WriteLine($"served by plugins {string.Join(", ", result.Plugins.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
        output.WriteLine($"pipeline {result.Pipeline}, {CliFormat.Plural(result.Items.Count, "result")} in {result.Took.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms");
    }
}
