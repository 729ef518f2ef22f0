using System.CommandLine;
using System.Text.Json;
using LuceneReco.Index;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Cli;

/// <summary><c>lucenereco index stats</c>: size figures and schema of the last commit.</summary>
internal static class IndexStatsCommand
{
    /// <summary>The command with its options.</summary>
    public static Command Create(CliConsole console)
    {
        var index = CommonOptions.Index();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("stats", "Show segments, documents, deleted documents, bytes on disk, commit generation and the schema.")
        {
            index, json,
        };
        command.SetAction(CliApp.Guarded(console, parse => Run(parse.GetValue(index)!, parse.GetValue(json), console)));
        return command;
    }

    /// <summary>Prints the stats; returns the exit code.</summary>
    public static int Run(string indexDirectory, bool json, CliConsole console)
    {
        using var index = CommonOptions.OpenRecallIndex(indexDirectory); // native or Lucene.Net, by the folder
        using var view = index.Acquire();
        if (json) WriteJson(index.Backend, view.Stats, view.Schema, console.Out);
        else WriteText(Path.GetFullPath(indexDirectory), index.Backend, view.Stats, view.Schema, console.Out);
        return ExitCodes.Ok;
    }

    private static void WriteText(string directory, string backend, IndexStats stats, IndexSchema schema, TextWriter output)
    {
        output.WriteLine($"index        {directory}");
        output.WriteLine($"backend      {backend}");
        output.WriteLine($"segments     {CliFormat.Count(stats.Segments)}");
        output.WriteLine($"documents    {CliFormat.Count(stats.Documents)}");
        output.WriteLine($"deleted      {CliFormat.Count(stats.DeletedDocuments)}");
        output.WriteLine($"size         {CliFormat.Bytes(stats.Bytes)} ({CliFormat.Plural(stats.Bytes, "byte")})");
        output.WriteLine($"generation   {CliFormat.Count(stats.Generation)}");
        output.WriteLine("fields");
        var width = schema.Fields.Max(f => f.Name.Length);
        foreach (var field in schema.Fields)
            output.WriteLine($"  {field.Name.PadRight(width)}  {Kind(field.Kind),-11} {Describe(field)}");
    }

    private static void WriteJson(string backend, IndexStats stats, IndexSchema schema, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("backend", backend);
            json.WriteNumber("segments", stats.Segments);
            json.WriteNumber("documents", stats.Documents);
            json.WriteNumber("deletedDocuments", stats.DeletedDocuments);
            json.WriteNumber("bytes", stats.Bytes);
            json.WriteNumber("generation", stats.Generation);
            json.WritePropertyName("schema");
            using (var schemaJson = JsonDocument.Parse(schema.ToJson())) schemaJson.RootElement.WriteTo(json);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string Kind(FieldKind kind) => kind switch
    {
        FieldKind.Text => "text",
        FieldKind.Keyword => "keyword",
        FieldKind.Numeric => "numeric",
        _ => "stored-only",
    };

    private static string Describe(FieldDefinition field)
    {
        var parts = new List<string>();
        if (field.Kind == FieldKind.Text) parts.Add($"analyzer {field.Analyzer}");
        if (field.TermVectors) parts.Add("term vectors");
        if (field.Separator is char separator) parts.Add($"separator '{separator}'");
        if (field.Stored) parts.Add("stored");
        return string.Join(", ", parts);
    }
}
