using System.Globalization;
using System.Text.Json;

namespace LuceneReco.Rankers.Learned.Models;

/// <summary>
/// Reading a JSON model or features file with errors that name the file and the place: a syntax error names the line,
/// a missing or mistyped member names its path (e.g. <c>learner.objective.name</c>).
/// </summary>
internal readonly struct JsonFile : IDisposable
{
    private readonly string _path;

    private JsonFile(string path, JsonDocument document)
    {
        _path = path;
        Document = document;
    }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    /// <summary>Parses the file; a syntax error or truncation throws <see cref="ModelFormatException"/> naming the line.</summary>
    public static JsonFile Open(string path)
    {
        byte[] bytes = ModelFiles.ReadAllBytes(path);
        try
        {
            return new JsonFile(path, JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 256 }));
        }
        catch (JsonException e)
        {
            string line = e.LineNumber is long n ? Invariant($"line {n + 1}") : "end of file";
            throw new ModelFormatException(path, line, "malformed or truncated JSON: " + FirstSentence(e.Message), e);
        }
    }

    public void Dispose() => Document?.Dispose();

    public ModelFormatException Error(string? location, string problem) => new(_path, location, problem);

    /// <summary>The member <paramref name="name"/> of the object <paramref name="obj"/> at <paramref name="where"/>.</summary>
    public JsonElement Member(JsonElement obj, string where, string name, JsonValueKind? kind = null)
    {
        if (obj.ValueKind != JsonValueKind.Object) throw Error(where, $"expected an object, found {Kind(obj)}");
        if (!obj.TryGetProperty(name, out JsonElement value)) throw Error(Join(where, name), "is missing");
        if (kind is JsonValueKind k && value.ValueKind != k) throw Error(Join(where, name), $"expected {Describe(k)}, found {Kind(value)}");
        return value;
    }

    /// <summary>The member if present (and not null).</summary>
    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v : null;

    /// <summary>A string member.</summary>
    public string String(JsonElement obj, string where, string name) => Member(obj, where, name, JsonValueKind.String).GetString()!;

    /// <summary>A number written as a JSON number or as a string of one (XGBoost writes "5E-1").</summary>
    public double Number(JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d)) return d;
        if (value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double s)) return s;
        throw Error(where, $"expected a number, found {Kind(value)}");
    }

    /// <summary>An integer written as a JSON number or a string.</summary>
    public long Integer(JsonElement value, string where)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long l)) return l;
        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long s)) return s;
        throw Error(where, $"expected an integer, found {Kind(value)}");
    }

    /// <summary>An array of numbers.</summary>
    public double[] Numbers(JsonElement obj, string where, string name)
    {
        JsonElement array = Member(obj, where, name, JsonValueKind.Array);
        var result = new double[array.GetArrayLength()];
        int k = 0;
        foreach (JsonElement v in array.EnumerateArray())
        {
            result[k] = Number(v, Invariant($"{Join(where, name)}[{k}]"));
            k++;
        }
        return result;
    }

    /// <summary>An array of 32-bit integers (booleans count as 0 and 1).</summary>
    public int[] Integers(JsonElement obj, string where, string name)
    {
        JsonElement array = Member(obj, where, name, JsonValueKind.Array);
        var result = new int[array.GetArrayLength()];
        int k = 0;
        foreach (JsonElement v in array.EnumerateArray())
        {
            string at = Invariant($"{Join(where, name)}[{k}]");
            result[k] = v.ValueKind switch
            {
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                JsonValueKind.Number when v.TryGetInt64(out long l) && l is >= int.MinValue and <= uint.MaxValue => unchecked((int)l),
                _ => throw Error(at, $"expected an integer, found {Kind(v)}"),
            };
            k++;
        }
        return result;
    }

    /// <summary>An array of strings.</summary>
    public string[] Strings(JsonElement array, string where)
    {
        if (array.ValueKind != JsonValueKind.Array) throw Error(where, $"expected an array, found {Kind(array)}");
        var result = new string[array.GetArrayLength()];
        int k = 0;
        foreach (JsonElement v in array.EnumerateArray())
        {
            if (v.ValueKind != JsonValueKind.String) throw Error(Invariant($"{where}[{k}]"), $"expected a string, found {Kind(v)}");
            result[k++] = v.GetString()!;
        }
        return result;
    }

    public static string Join(string where, string name) => where.Length == 0 ? name : where + "." + name;

    public static string Kind(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{Shorten(v.GetString()!)}\"",
        JsonValueKind.Number => "the number " + v.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        _ => "null",
    };

    private static string Describe(JsonValueKind k) => k switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => k.ToString(),
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
