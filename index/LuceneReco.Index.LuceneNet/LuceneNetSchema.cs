using System.Text.Json;
using System.Text.Json.Serialization;
using LuceneReco.Index.Documents;

namespace LuceneReco.Index.LuceneNet;

/// <summary>
/// What a Lucene.Net index holds, field by field, as the JSON file beside it (<see cref="FileName"/>) or a file the
/// operator writes to attach an index another application keeps:
/// <c>{"id": "sku", "fields": [{"name": "title", "kind": "text", "analyzer": "english"}, {"name": "price", "kind": "numeric", "numericType": "int"}]}</c>.
/// Kinds: <c>text</c> (analysed; term vectors when the index has them), <c>keyword</c> (exact terms), <c>numeric</c>
/// (trie-encoded <c>int</c>, <c>long</c>, <c>float</c> or <c>double</c>), <c>stored</c> (returned, not searched).
/// </summary>
public sealed class LuceneNetSchema
{
    /// <summary>The schema file LuceneReco writes beside an index it builds with this backend.</summary>
    public const string FileName = "lucenereco-schema.json";

    /// <summary>Creates a schema; throws <see cref="ArgumentException"/> listing every problem at once.</summary>
    public LuceneNetSchema(string idField, IReadOnlyList<LuceneNetField> fields)
    {
        IdField = idField;
        Fields = fields;
        var errors = Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid Lucene.Net schema: " + string.Join("; ", errors));
    }

    /// <summary>The Lucene field holding each document's unique id (indexed as one exact term, stored).</summary>
    public string IdField { get; }

    /// <summary>The other fields, in order.</summary>
    public IReadOnlyList<LuceneNetField> Fields { get; }

    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public LuceneNetField? Find(string name)
    {
        foreach (var f in Fields) if (f.Name == name) return f;
        return null;
    }

    /// <summary>
    /// The schema of a new index built from our <paramref name="schema"/>: id field "id", text fields with their term vectors,
    /// numbers as doubles; every text field analysed by <paramref name="analyzer"/> when given (one only Lucene.Net has, say "smartcn").
    /// </summary>
    public static LuceneNetSchema From(IndexSchema schema, string? analyzer = null) => new("id", schema.Fields.Select(f => new LuceneNetField(f.Name, f.Kind switch
    {
        FieldKind.Text => "text",
        FieldKind.Keyword => "keyword",
        FieldKind.Numeric => "numeric",
        _ => "stored",
    })
    {
        Analyzer = f.Kind == FieldKind.Text ? analyzer ?? f.Analyzer : null,
        Stored = f.Stored || f.Kind == FieldKind.StoredOnly,
        TermVectors = f.Kind == FieldKind.Text && f.TermVectors,
    }).ToList());

    /// <summary>
    /// The same fields as our <see cref="IndexSchema"/>, which the engine reads for field kinds. <paramref name="hasVectors"/>
    /// says which text fields really keep term vectors (null: as this schema says). An analyzer only Lucene.Net has
    /// (<c>smartcn</c>) shows as <c>cjk</c> there; searches always analyse with the Lucene.Net analyzer this schema names.
    /// </summary>
    public IndexSchema ToIndexSchema(Func<string, bool>? hasVectors = null) => new(Fields.Select(f => f.Kind switch
    {
        "text" => new FieldDefinition(f.Name, FieldKind.Text)
        {
            Analyzer = f.AnalyzerName == "smartcn" ? "cjk" : f.AnalyzerName,
            TermVectors = hasVectors?.Invoke(f.Name) ?? f.TermVectors,
            Stored = f.Stored,
        },
        "keyword" => new FieldDefinition(f.Name, FieldKind.Keyword) { Stored = f.Stored },
        "numeric" => new FieldDefinition(f.Name, FieldKind.Numeric) { Stored = f.Stored },
        _ => new FieldDefinition(f.Name, FieldKind.StoredOnly),
    }));

    /// <summary>Every problem, empty when the schema is valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(IdField)) errors.Add("\"id\" must name the field that holds each document's id");
        if (Fields is not { Count: > 0 }) { errors.Add("\"fields\" must name at least one field besides the id"); return errors; }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in Fields)
        {
            if (string.IsNullOrEmpty(f.Name) || f.Name.Length > 100 || !f.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-'))
                errors.Add($"field name '{f.Name}' must be 1-100 ASCII letters, digits, '_' or '-'");
            else if (f.Name == IdField) errors.Add($"field '{f.Name}' is the id field; leave it out of \"fields\"");
            else if (f.Name == "id") errors.Add("'id' is reserved for the document id; name the id field with \"id\"");
            else if (!seen.Add(f.Name)) errors.Add($"field '{f.Name}' is named twice");
            if (f.Kind is not ("text" or "keyword" or "numeric" or "stored"))
                errors.Add($"field '{f.Name}': kind must be text, keyword, numeric or stored, got '{f.Kind}'");
            if (f.Kind == "text" && !LuceneNetAnalyzers.Names.Contains(f.AnalyzerName))
                errors.Add($"field '{f.Name}': unknown analyzer '{f.Analyzer}' (valid: {string.Join(", ", LuceneNetAnalyzers.Names)})");
            else if (f.Kind == "text" && LuceneNetAnalyzers.WhyUnavailable(f.AnalyzerName) is { } why)
                errors.Add($"field '{f.Name}': analyzer '{f.AnalyzerName}' cannot run here: {why}");
            if (f.Kind != "text" && f.Analyzer is not null) errors.Add($"field '{f.Name}': only text fields take an analyzer");
            if (f.Kind == "numeric" && f.NumericType is not (null or "int" or "long" or "float" or "double"))
                errors.Add($"field '{f.Name}': numericType must be int, long, float or double, got '{f.NumericType}'");
            if (f.Kind != "numeric" && f.NumericType is not null) errors.Add($"field '{f.Name}': only numeric fields take a numericType");
            if (f.TermVectors && f.Kind != "text") errors.Add($"field '{f.Name}': term vectors need a text field");
        }
        return errors;
    }

    /// <summary>The schema as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(new SchemaFile(IdField, Fields.ToList()), JsonOptions);

    /// <summary>Writes the schema file into <paramref name="directory"/> (atomically: a temporary file, then a rename).</summary>
    public void Save(string directory)
    {
        string path = Path.Combine(directory, FileName), temp = path + ".tmp";
        File.WriteAllText(temp, ToJson());
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a schema file; throws <see cref="FormatException"/> naming the file and every problem.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static LuceneNetSchema Load(string path)
    {
        try { return FromJson(File.ReadAllText(path)); }
        catch (FormatException e) { throw new FormatException($"{path}: {e.Message}", e); }
    }

    /// <summary>Parses schema JSON; throws <see cref="FormatException"/> naming every problem.</summary>
    public static LuceneNetSchema FromJson(string json)
    {
        SchemaFile? file;
        try { file = JsonSerializer.Deserialize<SchemaFile>(json, JsonOptions); }
        catch (JsonException e) { throw new FormatException($"the schema JSON is malformed: {e.Message}", e); }
        if (file is null) throw new FormatException("the schema JSON is empty");
        try { return new LuceneNetSchema(file.Id ?? "id", file.Fields ?? []); }
        catch (ArgumentException e) { throw new FormatException(e.Message, e); }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
    };

    private sealed record SchemaFile(string? Id, List<LuceneNetField>? Fields);
}
