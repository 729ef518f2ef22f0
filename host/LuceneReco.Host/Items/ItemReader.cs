using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LuceneReco.Host.Http;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Items;

/// <summary>
/// Reads items from a TSV file with a header line (first column <c>id</c>) or a JSON Lines file
/// (<c>{"id": ..., "field": ...}</c>), either optionally gzip-compressed (told by a <c>.gz</c>
/// extension), and maps every line to a <see cref="Document"/> under a schema. A bad line does not
/// stop reading: it is yielded as an <see cref="ItemRecord"/> with its line number and the reason,
/// and the caller decides whether to stop or skip. Reading is a single forward pass.
/// </summary>
internal sealed class ItemReader : IDisposable
{
    /// <summary>How many JSON Lines are sampled for the column names of the default schema.</summary>
    public const int ColumnSampleLines = 1000;

    /// <summary>The longest id a document may have.</summary>
    public const int MaxIdLength = 1024;

    private readonly Stream _file;
    private readonly TextReader _text;
    private readonly Queue<(long Line, string Text)> _lookahead = new();
    private readonly Dictionary<string, long> _firstLineOfId = new(StringComparer.Ordinal);
    private long _lineNumber;
    private bool _started;

    private ItemReader(Stream file, string name, ItemFileFormat format, bool compressed)
    {
        _file = file;
        Name = name;
        Format = format;
        Compressed = compressed;
        Stream bytes = compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
        _text = TextFile.Reader(bytes);
        Columns = format == ItemFileFormat.Tsv ? ReadHeader() : SampleJsonKeys();
    }

    /// <summary>The file name used in messages (<c>items.tsv:12: reason</c>).</summary>
    public string Name { get; }

    /// <summary>TSV or JSON Lines.</summary>
    public ItemFileFormat Format { get; }

    /// <summary>Whether the file is gzip-compressed.</summary>
    public bool Compressed { get; }

    /// <summary>
    /// The columns besides <c>id</c>: the TSV header, or for JSON Lines the union of the keys of the
    /// first <see cref="ColumnSampleLines"/> lines, in the order first seen.
    /// </summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>How much of the file has been read, 0 to 1 (approximate: reads are buffered); NaN when unknown.</summary>
    public double Progress => _file.CanSeek && _file.Length > 0 ? (double)_file.Position / _file.Length : double.NaN;

    /// <summary>Opens <paramref name="path"/>; the format is told by its extension.</summary>
    /// <exception cref="ItemFileException">Unknown extension, empty file or bad header.</exception>
    public static ItemReader Open(string path)
    {
        var (format, compressed) = FormatOf(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return new ItemReader(file, Path.GetFileName(path), format, compressed);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads items from <paramref name="stream"/>, whose format is told by <paramref name="name"/>'s extension. Takes ownership of the stream.</summary>
    public static ItemReader Open(Stream stream, string name)
    {
        var (format, compressed) = FormatOf(name);
        return new ItemReader(stream, Path.GetFileName(name), format, compressed);
    }

    /// <summary>The format and compression that the extension of <paramref name="path"/> announces.</summary>
    /// <exception cref="ItemFileException">The extension is not one of .tsv, .tab, .txt, .jsonl, .ndjson (optionally + .gz).</exception>
    public static (ItemFileFormat Format, bool Compressed) FormatOf(string path)
    {
        var name = Path.GetFileName(path);
        var compressed = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var extension = Path.GetExtension(compressed ? name[..^3] : name).ToLowerInvariant();
        return extension switch
        {
            ".tsv" or ".tab" or ".txt" => (ItemFileFormat.Tsv, compressed),
            ".jsonl" or ".ndjson" => (ItemFileFormat.JsonLines, compressed),
            _ => throw new ItemFileException(
                $"{name}: cannot tell the format from the extension; use .tsv or .jsonl (optionally followed by .gz)"),
        };
    }

    /// <summary>The default schema for <see cref="Columns"/> (see <see cref="IndexSchema.ForColumns"/>).</summary>
    /// <exception cref="ItemFileException">There are no columns besides id, or a column name is not a valid field name.</exception>
    public IndexSchema DefaultSchema(string analyzer)
    {
        if (Columns.Count == 0)
        {
            throw new ItemFileException(Format == ItemFileFormat.Tsv
                ? $"{Name}:1: the header has no columns besides 'id'"
                : $"{Name}: no fields besides 'id' in the first {ColumnSampleLines.ToString("N0", CultureInfo.InvariantCulture)} lines");
        }
        try
        {
            return IndexSchema.ForColumns(Columns, analyzer);
        }
        catch (ArgumentException e)
        {
            throw new ItemFileException($"{Name}:1: {ExceptionText.WithoutParameterName(e)}");
        }
    }

    /// <summary>For TSV: throws when a column is not a field of <paramref name="schema"/>. JSON Lines are checked line by line.</summary>
    /// <exception cref="ItemFileException">Some columns are unknown to the schema; the message names all of them.</exception>
    public void CheckColumns(IndexSchema schema)
    {
        if (Format != ItemFileFormat.Tsv) return;
        var unknown = Columns.Where(c => schema.Find(c) is null).ToList();
        if (unknown.Count == 0) return;
        throw new ItemFileException(
            $"{Name}:1: {(unknown.Count == 1 ? "column" : "columns")} {string.Join(", ", unknown.Select(c => $"'{c}'"))} " +
            $"not in the schema (fields: {string.Join(", ", schema.Fields.Select(f => f.Name))})");
    }

    /// <summary>Reads every remaining line once, yielding a document or an error per non-blank line.</summary>
    /// <exception cref="ItemFileException">(TSV) a column is not in <paramref name="schema"/>.</exception>
    public IEnumerable<ItemRecord> Read(IndexSchema schema)
    {
        if (_started) throw new InvalidOperationException("An ItemReader can be read only once.");
        _started = true;
        CheckColumns(schema);
        var columnFields = Columns.Select(c => schema.Find(c)).ToArray();
        return ReadLines(schema, columnFields);
    }

    private IEnumerable<ItemRecord> ReadLines(IndexSchema schema, FieldDefinition?[] columnFields)
    {
        while (NextLine() is var (line, text))
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var record = TextFile.IsNotUtf8(text) ? ItemRecord.Bad(line, TextFile.NotUtf8Reason)
                : Format == ItemFileFormat.Tsv ? ParseTsv(line, text, columnFields) : JsonItemParser.Parse(line, text, schema);
            if (record.Document is { } document)
            {
                if (_firstLineOfId.TryGetValue(document.Id, out var first))
                    record = ItemRecord.Bad(line, $"duplicate id '{FieldValues.Shorten(document.Id)}' (first on line {first.ToString(CultureInfo.InvariantCulture)})");
                else
                    _firstLineOfId.Add(document.Id, line);
            }
            yield return record;
        }
    }

    private (long Line, string Text)? NextLine()
    {
        if (_lookahead.TryDequeue(out var buffered)) return buffered;
        var text = _text.ReadLine();
        return text is null ? null : (++_lineNumber, text);
    }

    private List<string> ReadHeader()
    {
        var header = _text.ReadLine();
        _lineNumber = 1;
        if (header is null || header.Trim().Length == 0)
            throw new ItemFileException($"{Name}:1: the file has no header line; the first line must name the columns, starting with 'id'");
        var names = header.Split('\t').Select(n => n.Trim()).ToArray();
        if (names[0] != "id")
            throw new ItemFileException($"{Name}:1: the first column must be 'id', got '{FieldValues.Shorten(names[0])}'");
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { "id" };
        for (int i = 1; i < names.Length; i++)
        {
            if (names[i].Length == 0)
                throw new ItemFileException($"{Name}:1: column {(i + 1).ToString(CultureInfo.InvariantCulture)} has no name");
            if (!seen.Add(names[i]))
                throw new ItemFileException($"{Name}:1: column '{names[i]}' appears twice");
            columns.Add(names[i]);
        }
        return columns;
    }

    private List<string> SampleJsonKeys()
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { "id" };
        while (_lookahead.Count < ColumnSampleLines && _text.ReadLine() is { } text)
        {
            _lookahead.Enqueue((++_lineNumber, text));
            if (string.IsNullOrWhiteSpace(text) || TextFile.IsNotUtf8(text)) continue;
            // Sampling only: a bad line is parsed again by Read, which reports it with its line number.
            using var json = JsonInput.Parse(text, out _);
            if (json is null || json.RootElement.ValueKind != JsonValueKind.Object) continue;
            foreach (var property in json.RootElement.EnumerateObject())
                if (seen.Add(property.Name)) keys.Add(property.Name);
        }
        return keys;
    }

    private static ItemRecord ParseTsv(long line, string text, FieldDefinition?[] columnFields)
    {
        var values = text.Split('\t');
        if (values.Length != columnFields.Length + 1)
        {
            return ItemRecord.Bad(line,
                $"expected {(columnFields.Length + 1).ToString(CultureInfo.InvariantCulture)} tab-separated columns, got {values.Length.ToString(CultureInfo.InvariantCulture)}");
        }
        var id = values[0].Trim();
        if (IdProblem(id) is { } idProblem) return ItemRecord.Bad(line, idProblem);
        var document = new Document(id);
        for (int i = 0; i < columnFields.Length; i++)
        {
            if (FieldValues.Add(document, columnFields[i]!, values[i + 1]) is { } error)
                return ItemRecord.Bad(line, error);
        }
        return ItemRecord.Ok(line, document);
    }

    internal static string? IdProblem(string id)
    {
        if (id.Length == 0) return "missing id";
        if (id.Length > MaxIdLength) return $"id is longer than {MaxIdLength.ToString("N0", CultureInfo.InvariantCulture)} characters";
        return null;
    }


    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        _text.Dispose();
        _file.Dispose();
    }
}
