using System.Text.Json;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// The value readers the configuration parsers share (<see cref="ServingConfigParser"/> and the experiments section): each
/// returns the value, or null after adding a problem that names where it is and what it got, so one pass reports everything.
/// </summary>
internal static class JsonSettings
{
    /// <summary>Adds <paramref name="error"/> and returns <paramref name="value"/> unchanged (for an unknown setting in a <c>switch</c>).</summary>
    public static T Unknown<T>(T value, string error, List<string> errors)
    {
        errors.Add(error);
        return value;
    }

    public static string? String(JsonElement e, string where, List<string> errors)
    {
        if (e.ValueKind == JsonValueKind.String) return e.GetString();
        errors.Add($"{where} must be a string, got {Kind(e)}");
        return null;
    }

    /// <summary>An array of strings, or null after a problem (each element that is not a string is named).</summary>
    public static List<string>? Strings(JsonElement e, string where, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Array) { errors.Add($"{where} must be an array of strings"); return null; }
        var list = new List<string>();
        foreach (var s in e.EnumerateArray())
        {
            if (s.ValueKind == JsonValueKind.String) list.Add(s.GetString()!);
            else errors.Add($"{where}: {s.GetRawText()} is not a string");
        }
        return list;
    }

    public static int? Int(JsonElement e, string where, List<string> errors)
    {
        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int value)) return value;
        errors.Add($"{where} must be a whole number, got {(e.ValueKind == JsonValueKind.Number ? e.GetRawText() : Kind(e))}");
        return null;
    }

    public static bool? Bool(JsonElement e, string where, List<string> errors)
    {
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False) return e.GetBoolean();
        errors.Add($"{where} must be true or false, got {Kind(e)}");
        return null;
    }

    public static double? Number(JsonElement e, string where, List<string> errors)
    {
        if (e.ValueKind == JsonValueKind.Number) return e.GetDouble();
        errors.Add($"{where} must be a number, got {Kind(e)}");
        return null;
    }

    /// <summary>A feature log's <c>path</c> and <c>maxLists</c>, and, where <paramref name="exploring"/>, <c>explore</c> and <c>exploreTop</c>.</summary>
    public static FeatureLogSettings? FeatureLogOf(JsonElement e, string where, List<string> errors, bool exploring)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add($"{where} must be an object"); return null; }
        var log = new FeatureLogSettings();
        string known = exploring ? "path, maxLists, explore, exploreTop" : "path, maxLists";
        foreach (var p in e.EnumerateObject())
        {
            string at = $"{where}.{p.Name}";
            log = p.Name switch
            {
                "path" => log with { Path = String(p.Value, at, errors) ?? "" },
                "maxLists" => log with { MaxLists = Int(p.Value, at, errors) ?? log.MaxLists },
                "explore" when exploring => log with { Explore = p.Value.ValueKind == JsonValueKind.Null ? null : Number(p.Value, at, errors) },
                "exploreTop" when exploring => log with { ExploreTop = Int(p.Value, at, errors) ?? log.ExploreTop },
                _ => Unknown(log, $"{where}: unknown setting '{p.Name}' (known: {known})", errors),
            };
        }
        return log;
    }

    /// <summary>"a string", "a number", "an array", "an object", "null" or "a boolean".</summary>
    public static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "a boolean",
    };
}
