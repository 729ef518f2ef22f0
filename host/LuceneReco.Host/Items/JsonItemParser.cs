using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Http;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Items;

/// <summary>
/// Maps one JSON Lines item to a document: <c>id</c> is a string or a number; a value is a string,
/// a number, a boolean, null (ignored) or, for text and keyword fields, an array of those (each
/// element one value, not split again by the field's separator).
/// </summary>
internal static class JsonItemParser
{
    /// <summary>Parses line <paramref name="line"/> with text <paramref name="text"/>.</summary>
    public static ItemRecord Parse(long line, string text, IndexSchema schema)
    {
        using var json = JsonInput.Parse(text, out var problem);
        return json is null ? ItemRecord.Bad(line, problem!.Value.Describe("the line")) : Parse(line, json.RootElement, schema);
    }

    /// <summary>Maps <paramref name="root"/>, already parsed and checked by <see cref="JsonInput"/> (every string is text), to item <paramref name="line"/>.</summary>
    public static ItemRecord Parse(long line, JsonElement root, IndexSchema schema)
    {
        if (root.ValueKind != JsonValueKind.Object) return ItemRecord.Bad(line, "each line must be a JSON object");
        if (!root.TryGetProperty("id", out var idElement)) return ItemRecord.Bad(line, "missing id", "id");
        string id;
        switch (idElement.ValueKind)
        {
            case JsonValueKind.String: id = idElement.GetString()!.Trim(); break;
            case JsonValueKind.Number: id = idElement.GetRawText(); break;
            case JsonValueKind.Null: return ItemRecord.Bad(line, "missing id", "id");
            default: return ItemRecord.Bad(line, "id must be a string or a number", "id");
        }
        if (ItemReader.IdProblem(id) is { } idProblem) return ItemRecord.Bad(line, idProblem, "id");

        var document = new Document(id);
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == "id") continue;
            if (schema.Find(property.Name) is not { } field)
                return ItemRecord.Bad(line, $"field '{FieldValues.Shorten(property.Name)}' is not in the schema", FieldValues.Shorten(property.Name));
            if (AddJsonValue(document, field, property.Value) is { } error)
                return ItemRecord.Bad(line, error, field.Name);
        }
        return ItemRecord.Ok(line, document);
    }

    private static string? AddJsonValue(Document document, FieldDefinition field, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Array:
                if (field.Kind == FieldKind.Numeric) return $"field '{field.Name}' takes one number, got an array";
                foreach (var element in value.EnumerateArray())
                {
                    if (element.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                        return $"field '{field.Name}': array elements must be strings or numbers";
                    if (AddJsonScalar(document, field, element, split: false) is { } error) return error;
                }
                return null;
            case JsonValueKind.Object:
                return $"field '{field.Name}': objects are not supported; use a string, a number or an array of strings";
            default:
                return AddJsonScalar(document, field, value, split: true);
        }
    }

    private static string? AddJsonScalar(Document document, FieldDefinition field, JsonElement value, bool split) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => FieldValues.Add(document, field, value.GetString()!, split),
        JsonValueKind.Number => FieldValues.AddNumber(document, field, value.GetDouble(), value.GetRawText()),
        JsonValueKind.True => FieldValues.Add(document, field, "true", split: false),
        _ => FieldValues.Add(document, field, "false", split: false),
    };

}
