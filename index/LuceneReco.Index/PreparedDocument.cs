using LuceneReco.Index.Analysis;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Segments;

namespace LuceneReco.Index;

/// <summary>
/// A document checked against the schema and analysed, ready for <see cref="IndexWriter.Add(PreparedDocument)"/>.
/// Preparing is thread-safe and independent of the writer's state, so a feed can analyse documents in
/// parallel and add them in order (see <see cref="IndexWriter.Prepare"/>). A document the schema rejects
/// carries the error, thrown when it is added.
/// </summary>
public sealed class PreparedDocument
{
    internal PreparedDocument(Document document, IndexSchema schema)
    {
        Document = document;
        Schema = schema;
        try { Analyse(); }
        catch (ArgumentException e) { Error = e; }
    }

    /// <summary>The document.</summary>
    public Document Document { get; }

    /// <summary>Why the schema rejects the document, or null.</summary>
    public ArgumentException? Error { get; private set; }

    internal IndexSchema Schema { get; }

    /// <summary>Per schema field: its values (text and keyword fields).</summary>
    internal List<string>?[] Values { get; private set; } = [];

    /// <summary>Per schema field: the analysed tokens (text fields with values).</summary>
    internal TokenRecorder?[] Tokens { get; private set; } = [];

    /// <summary>Per schema field: the number (numeric fields; NaN when absent).</summary>
    internal double[] Numbers { get; private set; } = [];

    /// <summary>(field number, value) of the values to store.</summary>
    internal List<(int Field, string Value)> Stored { get; } = new();

    private void Analyse()
    {
        var fields = Schema.Fields;
        Values = new List<string>?[fields.Count];
        Tokens = new TokenRecorder?[fields.Count];
        Numbers = new double[fields.Count];
        Array.Fill(Numbers, double.NaN);
        foreach (var (name, value) in Document.Strings)
        {
            int f = FieldNumber(name);
            var def = fields[f];
            if (def.Kind == FieldKind.Numeric)
                throw new ArgumentException($"Document '{Document.Id}': field '{name}' is numeric but got text '{value}'.");
            (Values[f] ??= new List<string>()).Add(value);
            if (def.Stored) Stored.Add((f, value));
        }
        foreach (var (name, value) in Document.Numbers)
        {
            int f = FieldNumber(name);
            if (fields[f].Kind != FieldKind.Numeric)
                throw new ArgumentException($"Document '{Document.Id}': field '{name}' is {fields[f].Kind.ToString().ToLowerInvariant()}, not numeric.");
            if (double.IsNaN(Numbers[f])) Numbers[f] = value; // the first value counts
        }
        for (int f = 0; f < fields.Count; f++)
        {
            if (fields[f].Kind != FieldKind.Text || Values[f] is not { } values) continue;
            var recorder = new TokenRecorder();
            var analyzer = Analyzers.ByName(fields[f].Analyzer);
            foreach (var v in values) recorder.Record(analyzer, v);
            Tokens[f] = recorder;
        }
    }

    private int FieldNumber(string name)
    {
        var fields = Schema.Fields;
        for (int i = 0; i < fields.Count; i++) if (fields[i].Name == name) return i;
        throw new ArgumentException($"Document '{Document.Id}': field '{name}' is not in the index schema.");
    }
}
