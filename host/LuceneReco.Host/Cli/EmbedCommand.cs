using System.CommandLine;
using LuceneReco.Host.Serving;
using LuceneReco.Index;
using LuceneReco.Index.Documents;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Cli;

/// <summary>
/// <c>lucenereco embed --index DIR [--model minilm|arctic-xs] [--fields title,body]</c>: computes the dense vector of every
/// item that lacks one with an embedding-provider plugin (<see cref="IEmbeddingProviderPlugin"/>; the built-in
/// <c>minilm</c> by default), stores it in the index beside the item, and commits as it goes (see <see cref="EmbedJob"/>).
/// The semantic recall sources use the vectors; an item without one is still recalled lexically.
/// </summary>
internal static class EmbedCommand
{
    /// <summary>The encoder used when none is named.</summary>
    public const string DefaultModel = "minilm";

    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var model = new Option<string>("--model") { Description = $"The embedding plugin, by name (built in: minilm, arctic-xs; default {DefaultModel}).", HelpName = "NAME" };
        var fields = new Option<string>("--fields") { Description = "Stored text fields whose values make an item's text, comma-separated (default: title,body, those the index has).", HelpName = "FIELDS" };
        var batch = new Option<int>("--batch") { Description = "Texts per encoder call (default 16; memory grows with it).", HelpName = "N", DefaultValueFactory = _ => 16 };
        var commitSeconds = new Option<int>("--commit-seconds") { Description = "Commit the vectors so far at least this often, so a killed run resumes there (default 30).", HelpName = "S", DefaultValueFactory = _ => 30 };
        var replace = new Option<bool>("--replace") { Description = "Drop the vectors of another model the index holds, then embed every item with this one." };
        var plugins = CommonOptions.Plugins();
        var progress = CommonOptions.Progress();
        var command = new Command("embed", "Compute the dense vectors of items that have none (semantic recall), with an embedding plugin.")
        {
            index, model, fields, batch, commitSeconds, replace, plugins, progress,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(parse.GetValue(index)!, parse.GetValue(model) ?? DefaultModel, parse.GetValue(fields),
            parse.GetValue(batch), parse.GetValue(commitSeconds), parse.GetValue(replace), CommonOptions.PluginsFolder(parse.GetValue(plugins)),
            parse.GetValue(progress) || console.ErrorIsTerminal, console)));
        return command;
    }

    private static int Run(string indexDirectory, string modelName, string? fieldList, int batchSize, int commitSeconds, bool replace,
        string? pluginsFolder, bool showProgress, CliConsole console)
    {
        if (!Directory.Exists(indexDirectory)) throw new UsageException($"index directory '{indexDirectory}' does not exist");
        if (batchSize is < 1 or > 256) throw new UsageException($"--batch must be 1 to 256, got {batchSize}");
        if (commitSeconds < 1) throw new UsageException($"--commit-seconds must be at least 1, got {commitSeconds}");
        var log = showProgress ? line => console.Error.WriteLine($"lucenereco: {line}") : (Action<string>)(_ => { });
        var catalog = PluginCatalogFactory.Create(pluginsFolder, TrainCommand.DataRoot(indexDirectory, null), watch: false, console.Time, log);
        try
        {
            var plugin = FindProvider(catalog, modelName, pluginsFolder);
            using var writer = IndexWriter.Open(indexDirectory);
            var fields = ChooseFields(writer.Schema, fieldList);
            foreach (var problem in writer.VectorProblems)
                console.Error.WriteLine($"lucenereco: {problem.FilePath} is damaged ({problem.Reason}); its items will be embedded again");
            var space = new LuceneReco.Index.Vectors.VectorSpace(plugin.EmbeddingModel, plugin.EmbeddingDimension);
            if (writer.VectorSpace is { } held && held != space)
            {
                if (!replace)
                    throw new UsageException($"the index holds vectors of {held.Describe()}; '{modelName}' makes {space.Describe()}; "
                        + "pass --replace to drop them and embed every item again");
                writer.DropVectors();
            }
            using var provider = plugin.CreateEmbeddingProvider(null);
            var reporter = new ProgressReporter(console, showProgress);
            long done = 0;
            var job = new EmbedJob
            {
                Writer = writer,
                Provider = provider,
                Fields = fields,
                BatchSize = batchSize,
                CommitEvery = TimeSpan.FromSeconds(commitSeconds),
                Clock = console.Time,
                Planned = (already, todo) => log($"{CliFormat.Plural(already, "item")} already {(already == 1 ? "has" : "have")} a vector; embedding {CliFormat.Plural(todo, "item")}"),
                Progress = (count, total) => reporter.Report(done = count, total == 0 ? 1 : (double)count / total),
            };
            var outcome = job.Run();
            reporter.Finish(done);
            console.Out.WriteLine(Summary(outcome, provider, fields, reporter.Elapsed));
            return ExitCodes.Ok;
        }
        finally
        {
            (catalog as IDisposable)?.Dispose();
        }
    }

    private static IEmbeddingProviderPlugin FindProvider(Pipelines.IRankerCatalog catalog, string name, string? pluginsFolder)
    {
        if (catalog.Find(name)?.Plugin is IEmbeddingProviderPlugin provider) return provider;
        var known = catalog.List().Where(p => p.State == "loaded" && catalog.Find(p.Name)?.Plugin is IEmbeddingProviderPlugin).Select(p => p.Name).ToList();
        string where = pluginsFolder is null ? "the built-in plugins" : $"'{pluginsFolder}'";
        throw new UsageException(known.Count == 0
            ? $"no embedding plugin named '{name}' in {where}, and none other (rebuild the CLI, or give --plugins DIR)"
            : $"no embedding plugin named '{name}' in {where} (embedding plugins: {string.Join(", ", known)})");
    }

    /// <summary>The stored text fields asked for, or title and body when the index has them.</summary>
    private static IReadOnlyList<string> ChooseFields(IndexSchema schema, string? list)
    {
        var names = CommonOptions.SplitList(list) ?? schema.Fields.Where(f => f.Name is "title" or "body" && f.Kind == FieldKind.Text && f.Stored).Select(f => f.Name).ToList();
        if (names.Count == 0) throw new UsageException("the index has no stored title or body field; name the text fields with --fields");
        foreach (var name in names)
        {
            var field = schema.Find(name) ?? throw new UsageException($"the index has no field '{name}' (fields: {string.Join(", ", schema.Fields.Select(f => f.Name))})");
            if (!field.Stored || field.Kind == FieldKind.Numeric) throw new UsageException($"field '{name}' is not stored text, so its values cannot be read back to embed");
        }
        return names;
    }

    private static string Summary(EmbedOutcome o, IEmbeddingProvider provider, IReadOnlyList<string> fields, TimeSpan took)
    {
        var lines = new List<string>
        {
            $"embedded {CliFormat.Plural(o.Embedded, "item")} with '{provider.Model}' ({provider.Dimension} dimensions) from {string.Join(", ", fields)} "
                + $"in {CliFormat.Seconds(took)} ({CliFormat.Rate(o.Embedded, took)} items/s); {CliFormat.Count(o.AlreadyHad)} already had a vector",
        };
        if (o.Truncated > 0) lines.Add($"{CliFormat.Plural(o.Truncated, "text")} longer than {provider.MaxTokens} tokens {(o.Truncated == 1 ? "was" : "were")} cut to that length");
        if (o.SkippedCjk > 0)
            lines.Add($"skipped {CliFormat.Plural(o.SkippedCjk, "item")} in Chinese, Japanese or Korean: '{provider.Model}' is English-only, so they keep lexical (bigram TF-IDF) recall only");
        if (o.NoText > 0) lines.Add($"skipped {CliFormat.Plural(o.NoText, "item")} with no text in {string.Join(", ", fields)}");
        return string.Join(Environment.NewLine, lines);
    }
}
