using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LuceneReco.Rankers.Collaborative.Models;

/// <summary>
/// <see cref="ModelMetadata"/> as JSON, written and read field by field with <see cref="Utf8JsonWriter"/> and
/// <see cref="JsonDocument"/> (no serializer type caches, which would pin the plugin's collectible load context).
/// </summary>
internal static class MetadataJson
{
    public static string Write(ModelMetadata m)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("kind", m.Kind);
            w.WriteNumber("version", m.Version);
            w.WriteString("trainedAt", m.TrainedAt.ToString("O", CultureInfo.InvariantCulture));
            w.WriteNumber("users", m.Users);
            w.WriteNumber("items", m.Items);
            w.WriteNumber("events", m.Events);
            w.WriteNumber("nonZeros", m.NonZeros);
            w.WriteNumber("trainingSeconds", m.TrainingSeconds);
            w.WriteStartObject("parameters");
            foreach ((string name, string value) in m.Parameters) w.WriteString(name, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Parses the metadata; throws <see cref="InvalidDataException"/> naming the field that is missing or wrong.</summary>
    public static ModelMetadata Read(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        JsonElement root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException("the metadata is not a JSON object");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty p in Field(root, "parameters", JsonValueKind.Object).EnumerateObject())
            parameters[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        string trainedAt = Field(root, "trainedAt", JsonValueKind.String).GetString()!;
        if (!DateTimeOffset.TryParseExact(trainedAt, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset at))
            throw new InvalidDataException($"metadata field 'trainedAt' is not a timestamp: {trainedAt}");
        return new ModelMetadata(
            Field(root, "kind", JsonValueKind.String).GetString()!,
            Field(root, "version", JsonValueKind.Number).GetInt32(),
            at,
            Field(root, "users", JsonValueKind.Number).GetInt32(),
            Field(root, "items", JsonValueKind.Number).GetInt32(),
            Field(root, "events", JsonValueKind.Number).GetInt64(),
            Field(root, "nonZeros", JsonValueKind.Number).GetInt32(),
            Field(root, "trainingSeconds", JsonValueKind.Number).GetDouble(),
            parameters);
    }

    private static JsonElement Field(JsonElement root, string name, JsonValueKind kind)
    {
        if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind != kind)
            throw new InvalidDataException($"metadata field '{name}' is missing or not a {kind}");
        return value;
    }
}
