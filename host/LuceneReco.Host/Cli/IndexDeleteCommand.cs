using System.CommandLine;
using LuceneReco.Index;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco index delete</c>: deletes documents by id or by keyword value, in one commit.</summary>
internal static class IndexDeleteCommand
{
    /// <summary>The command with its options.</summary>
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var ids = new Option<string[]>("--id") { Description = "Id of a document to delete (repeat for several).", HelpName = "ID", Arity = ArgumentArity.OneOrMore };
        var idsFile = new Option<string>("--ids-file") { Description = "File with one id per line.", HelpName = "FILE" };
        var keyword = new Option<string>("--keyword") { Description = "Delete every document whose keyword field has this value.", HelpName = "FIELD=VALUE" };
        var command = new Command("delete", "Delete documents by id, by a file of ids, or by a keyword value, in one commit.")
        {
            index, ids, idsFile, keyword,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(new IndexDeleteOptions
        {
            Index = parse.GetValue(index)!,
            Ids = parse.GetValue(ids) ?? [],
            IdsFile = parse.GetValue(idsFile),
            Keyword = parse.GetValue(keyword),
        }, console)));
        return command;
    }

    /// <summary>Deletes; returns the exit code.</summary>
    public static int Run(IndexDeleteOptions options, CliConsole console)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new UsageException(string.Join("; ", errors));

        int deleted = 0, missing = 0;
        using (var writer = IndexWriter.Open(options.Index))
        {
            if (options.Keyword is not null)
            {
                var field = options.KeywordField!;
                if (writer.Schema.Find(field) is not { Kind: FieldKind.Keyword })
                {
                    var keywordFields = writer.Schema.Fields.Where(f => f.Kind == FieldKind.Keyword).Select(f => f.Name).ToList();
                    throw new UsageException($"'{field}' is not a keyword field of the index (keyword fields: {(keywordFields.Count == 0 ? "none" : string.Join(", ", keywordFields))})");
                }
                deleted = writer.DeleteByKeyword(field, options.KeywordValue!);
            }
            else
            {
                var ids = options.IdsFile is { } file
                    ? File.ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 0)
                    : options.Ids.Select(i => i.Trim());
                foreach (var id in ids)
                {
                    if (writer.Delete(id)) deleted++;
                    else missing++;
                }
            }
            if (deleted > 0) writer.Commit();
        }

        using var index = IndexReader.Open(options.Index);
        var missingNote = missing > 0 ? $" ({CliFormat.Plural(missing, "id")} not found)" : "";
        console.Out.WriteLine($"deleted {CliFormat.Plural(deleted, "document")}{missingNote}; the index has {CliFormat.Plural(index.NumDocs, "document")}");
        return ExitCodes.Ok;
    }
}
