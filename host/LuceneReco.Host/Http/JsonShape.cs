using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LuceneReco.Host.Http;

/// <summary>
/// Checks a JSON object against the request record it binds to, before binding: every field known, every value of the
/// field's type. Problems name the field and say what it must be and what it was, from the input itself.
/// </summary>
internal static class JsonShape
{
    /// <summary>Adds to <paramref name="problems"/> what is wrong with <paramref name="element"/> as a <typeparamref name="T"/>.</summary>
    /// <param name="prefix">Put before field names ("event 2 "), or "" for a body.</param>
    public static void Check<T>(JsonElement element, string prefix, List<JsonInput.Problem> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new JsonInput.Problem(prefix.TrimEnd(), $"must be a JSON object, got {Describe(element)}"));
            return;
        }
        var info = (JsonTypeInfo<T>)HttpJson.Read.GetTypeInfo(typeof(T));
        foreach (var property in element.EnumerateObject())
        {
            var target = Find(info, property.Name);
            string field = prefix + property.Name;
            if (target is null)
            {
                problems.Add(new JsonInput.Problem(field, $"is not a field of this request; the fields are {string.Join(", ", info.Properties.Select(p => p.Name))}"));
                continue;
            }
            if (Expect(target.PropertyType, property.Value) is { } expected)
                problems.Add(new JsonInput.Problem(field, $"must be {expected}, got {Describe(property.Value)}"));
            else if (property.Value.ValueKind == JsonValueKind.Array && IsStringList(target.PropertyType))
            {
                int i = 0;
                foreach (var item in property.Value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                        problems.Add(new JsonInput.Problem($"{field}[{i.ToString(CultureInfo.InvariantCulture)}]", $"must be a string, got {Describe(item)}"));
                    i++;
                }
            }
        }
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo info, string name)
    {
        foreach (var p in info.Properties)
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p;
        return null;
    }

    /// <summary>What a value of <paramref name="type"/> must be, when <paramref name="value"/> is not one; null when it is (null is always allowed: the field is optional).</summary>
    private static string? Expect(Type type, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        Type t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(JsonElement)) return null;
        if (t == typeof(string)) return value.ValueKind == JsonValueKind.String ? null : "a string";
        if (t == typeof(int)) return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _) ? null : "a whole number";
        if (t == typeof(double)) return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && double.IsFinite(d) ? null : "a finite number";
        if (t == typeof(bool)) return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "true or false";
        if (IsStringList(t)) return value.ValueKind == JsonValueKind.Array ? null : "an array of strings";
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>)) return value.ValueKind == JsonValueKind.Object ? null : "an object";
        throw new ArgumentOutOfRangeException(nameof(type), type, "a request record field of a type JsonShape does not check");
    }

    private static bool IsStringList(Type t) => t == typeof(List<string>) || t == typeof(string[]);

    /// <summary>The value as the caller sent it, shortened: <c>"ten"</c>, <c>12.5</c>, <c>an array</c>.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Shorten(value.GetRawText()),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Shorten(value.GetRawText()),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..37] + "...";
}
