using System.Text.Json.Nodes;
using LuceneReco.Host.Pipelines;
using LuceneReco.Index.Documents;
using Microsoft.OpenApi;

namespace LuceneReco.Host.Http.OpenApi;

/// <summary>
/// The request bodies as the handlers check them: ranges, required fields and examples on the body records, and the
/// bodies the handlers read element by element (<c>PUT /items</c>, <c>POST /events</c>) as real schemas.
/// </summary>
internal static class BodySchemas
{
    /// <summary>Ranges, required fields and an example on the schema of <paramref name="type"/>, when it is a request body.</summary>
    public static void Annotate(Type type, OpenApiSchema schema)
    {
        if (type == typeof(RecommendBody)) Recommend(schema);
        else if (type == typeof(EventBody)) Event(schema);
    }

    private static void Recommend(OpenApiSchema schema)
    {
        Range(schema, "k", 1, PipelineRequest.MaxK, 10);
        Range(schema, "offset", 0, PipelineRequest.MaxK - 1, 0);
        Describe(schema, "userId", "The user: their events make the profile, and items they interacted with are left out. Required, except with a cursor.");
        Describe(schema, "cursor", "`*` starts a paged list (ranked once, kept; the response carries `next`); the `next` of the previous page returns the "
            + "following page of that same list, and then only `k` is read. An expired cursor answers 410.");
        Describe(schema, "options", "Per-request options for stages (each stage documents its keys, e.g. `mmr.lambda`): strings, numbers or booleans.");
        if (schema.Properties?.TryGetValue("options", out var options) == true && options is OpenApiSchema o)
            o.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Boolean };
        schema.AnyOf = [new OpenApiSchema { Required = new HashSet<string> { "userId" } }, new OpenApiSchema { Required = new HashSet<string> { "cursor" } }];
        schema.Description = "The body of POST /recommend: `userId` (or a `cursor` continuing a paged list) is required; every other field is optional. Unknown fields are refused.";
        schema.Examples = [JsonNode.Parse("""{"userId":"ann","k":5,"filters":["category=books"],"options":{"mmr.lambda":0.5},"explain":true}""")!];
    }

    private static void Event(OpenApiSchema schema)
    {
        schema.Required = new HashSet<string> { "userId", "itemId" };
        if (schema.Properties?.TryGetValue("timestamp", out var ts) == true && ts is OpenApiSchema timestamp)
        {
            timestamp.Type = null;
            timestamp.OneOf = [new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" }, new OpenApiSchema { Type = JsonSchemaType.Number }];
        }
        schema.Description = "One interaction event. Unknown fields are refused.";
        schema.Examples = [JsonNode.Parse("""{"userId":"ann","itemId":"f059","kind":"click","weight":2,"timestamp":"2026-12-01T10:00:00Z"}""")!];
    }

    /// <summary>The body of <c>PUT /items</c>: one item or an array of them, with the fields of <paramref name="schema"/> (the index's).</summary>
    public static OpenApiSchema Items(IndexSchema schema)
    {
        var item = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One item, shaped like a JSON Lines item line: `id` and the index's fields (this server's schema). Unknown fields are refused.",
            Required = new HashSet<string> { "id" },
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["id"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Number, Description = "The item id (a string, or a number read as its text)." },
            },
        };
        var example = new JsonObject { ["id"] = "z1" };
        foreach (var field in schema.Fields)
        {
            item.Properties[field.Name] = field.Kind == FieldKind.Numeric
                ? new OpenApiSchema { Type = JsonSchemaType.Number, Description = "A number (filters such as `" + field.Name + "=1990..1999`, ranking features)." }
                : new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Array,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String },
                    Description = FieldText(field),
                };
            if (field.Kind == FieldKind.Text && example.Count < 3) example[field.Name] = field.Name == "title" ? "Zebra teleporter" : "A zebra builds a quantum teleporter.";
            else if (field.Kind == FieldKind.Keyword && field.Separator is null && !example.ContainsKey("category")) example[field.Name] = "books";
        }
        item.Examples = [example];
        return new OpenApiSchema
        {
            Description = "One item object, or an array of them (all or nothing).",
            OneOf = [item, new OpenApiSchema { Type = JsonSchemaType.Array, Items = item, MinItems = 1 }],
            Examples = [example.DeepClone()],
        };
    }

    /// <summary>The body of <c>POST /events</c>: one event or an array, given the generated schema of the array.</summary>
    public static OpenApiSchema Events(IOpenApiSchema array) => new()
    {
        Description = "One event object, or an array of them.",
        OneOf = array.Items is { } one ? [one, array] : [array],
        Examples = [JsonNode.Parse("""[{"userId":"ann","itemId":"b001"},{"userId":"ann","itemId":"f059","kind":"click","weight":2}]""")!],
    };

    private static string FieldText(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Text => $"Text, searched ({field.Analyzer} analysis); a string or an array of strings.",
        FieldKind.Keyword when field.Separator is { } separator => $"Keywords (filters such as `{field.Name}=value`), a list: an array, or one string split at '{separator}'.",
        FieldKind.Keyword => $"A keyword (filters such as `{field.Name}=value`); an array for several values.",
        _ => "Stored and returned, not searched; a string or an array of strings.",
    };

    private static void Range(OpenApiSchema schema, string name, int min, int max, int @default)
    {
        if (schema.Properties?.TryGetValue(name, out var p) != true || p is not OpenApiSchema property) return;
        property.Type = JsonSchemaType.Integer | JsonSchemaType.Null;
        property.Pattern = null;
        property.Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture);
        property.Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        property.Default = @default;
    }

    private static void Describe(OpenApiSchema schema, string name, string description)
    {
        if (schema.Properties?.TryGetValue(name, out var p) == true && p is OpenApiSchema property) property.Description = description;
    }
}
