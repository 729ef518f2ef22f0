using System.Text.Json;
using System.Text.Json.Serialization;
using LuceneReco.Index.Analysis;

namespace LuceneReco.Index.Documents;

/// <summary>The fields of an index and how each is indexed. Stored in every commit.</summary>
public sealed class IndexSchema
{
    /// <summary>Column names that become keyword fields in the default schema.</summary>
    public static readonly IReadOnlyList<string> DefaultKeywordColumns = ["section", "category", "provider", "tags"];

    private readonly Dictionary<string, FieldDefinition> _byName;

    /// <summary>Creates a schema; throws <see cref="ArgumentException"/> listing every problem at once.</summary>
    public IndexSchema(IEnumerable<FieldDefinition> fields)
    {
        Fields = fields.ToArray();
        var errors = Validate(Fields);
        if (errors.Count > 0)
            throw new ArgumentException("Invalid schema: " + string.Join("; ", errors), nameof(fields));
        _byName = Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The fields, in declaration order.</summary>
    public IReadOnlyList<FieldDefinition> Fields { get; }

    /// <summary>The field named <paramref name="name"/>, or null.</summary>
    public FieldDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// The default schema for item columns (besides <c>id</c>): <c>section</c>, <c>category</c>, <c>provider</c>
    /// are keyword fields, <c>tags</c> a comma-separated keyword field, every other column analyzed text
    /// with term vectors, using <paramref name="analyzer"/>.
    /// </summary>
    public static IndexSchema ForColumns(IEnumerable<string> columns, string analyzer = "english")
    {
        var fields = new List<FieldDefinition>();
        foreach (var c in columns)
        {
            if (c == "id") continue;
            if (c == "tags") fields.Add(new FieldDefinition(c, FieldKind.Keyword) { Separator = ',' });
            else if (DefaultKeywordColumns.Contains(c)) fields.Add(new FieldDefinition(c, FieldKind.Keyword));
            else fields.Add(new FieldDefinition(c, FieldKind.Text) { Analyzer = analyzer });
        }
        return new IndexSchema(fields);
    }

    /// <summary>Every problem with <paramref name="fields"/>, empty when the schema is valid.</summary>
    public static List<string> Validate(IReadOnlyList<FieldDefinition> fields)
    {
        var errors = new List<string>();
        if (fields.Count == 0) errors.Add("a schema needs at least one field");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in fields)
        {
            if (string.IsNullOrEmpty(f.Name) || f.Name.Length > 100 || !f.Name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '-'))
                errors.Add($"field name '{f.Name}' must be 1-100 ASCII letters, digits, '_' or '-'");
            else if (f.Name == "id")
                errors.Add("'id' is reserved for the document id");
            else if (!seen.Add(f.Name))
                errors.Add($"field '{f.Name}' is declared twice");
            if (f.Kind == FieldKind.Text && !Analyzers.Names.Contains(f.Analyzer, StringComparer.OrdinalIgnoreCase))
                errors.Add($"field '{f.Name}': unknown analyzer '{f.Analyzer}' (valid: {string.Join(", ", Analyzers.Names)})");
            if (f.TermVectors && f.Kind != FieldKind.Text)
                errors.Add($"field '{f.Name}': term vectors need a text field");
            if (f.Separator is not null && f.Kind != FieldKind.Keyword)
                errors.Add($"field '{f.Name}': a separator needs a keyword field");
        }
        return errors;
    }

    /// <summary>The schema as JSON: <c>{"fields":[{"name":..,"kind":"text|keyword|numeric|storedonly",..}]}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(new SchemaFile(Fields.Select(FieldFile.From).ToList()), JsonOptions);

    /// <summary>Parses schema JSON; throws <see cref="FormatException"/> naming the problem.</summary>
    public static IndexSchema FromJson(string json)
    {
        SchemaFile? file;
        try { file = JsonSerializer.Deserialize<SchemaFile>(json, JsonOptions); }
        catch (JsonException e) { throw new FormatException($"Schema JSON is malformed: {e.Message}", e); }
        if (file?.Fields is null) throw new FormatException("Schema JSON needs a \"fields\" array.");
        try { return new IndexSchema(file.Fields.Select(f => f.ToDefinition())); }
        catch (ArgumentException e) { throw new FormatException(e.Message, e); }
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private sealed record SchemaFile(List<FieldFile>? Fields);

    private sealed record FieldFile(string Name, FieldKind Kind, bool? TermVectors, bool? Stored, string? Analyzer, string? Separator)
    {
        public static FieldFile From(FieldDefinition f) =>
            new(f.Name, f.Kind, f.TermVectors, f.Stored, f.Kind == FieldKind.Text ? f.Analyzer : null, f.Separator?.ToString());

        public FieldDefinition ToDefinition()
        {
            if (Separator is { Length: not 1 })
                throw new FormatException($"field '{Name}': separator must be one character, got '{Separator}'");
            var d = new FieldDefinition(Name, Kind) { Separator = Separator?[0] };
            if (TermVectors is bool tv) d = d with { TermVectors = tv };
            if (Stored is bool st) d = d with { Stored = st };
            if (Analyzer is not null) d = d with { Analyzer = Analyzer };
            return d;
        }
    }
}
