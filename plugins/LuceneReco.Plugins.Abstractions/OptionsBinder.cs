using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace LuceneReco.Plugins;

/// <summary>
/// Binds a pipeline step's "options" JSON object to an options class (names camelCase or PascalCase,
/// unknown names rejected, every problem reported at once) by reading the <see cref="JsonElement"/> and
/// setting properties by reflection. Not System.Text.Json's serializer: it keeps plugin types in process-wide
/// caches, which holds a plugin's collectible load context alive after unload; this binder caches nothing.
/// Supported property types: string, bool, int, long, float, double, enums (by name, any case) and their nullable forms.
/// </summary>
public static class OptionsBinder
{
    /// <summary>
    /// Every problem binding <paramref name="options"/> to <typeparamref name="TOptions"/> would meet, then (when it binds)
    /// those <paramref name="check"/> finds in the bound values; empty when there are none. For
    /// <see cref="IOptionsValidatingPlugin.CheckOptions"/> and <see cref="ICandidateSourcePlugin.CheckSourceOptions"/>.
    /// </summary>
    public static IReadOnlyList<string> Problems<TOptions>(JsonElement? options, string rankerName, Func<TOptions, IReadOnlyList<string>>? check = null)
        where TOptions : class, new()
    {
        TOptions typed;
        try
        {
            typed = Bind<TOptions>(options, rankerName);
        }
        catch (ArgumentException e)
        {
            return [e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal)];
        }
        return check is null ? [] : check(typed);
    }

    /// <summary>A new <typeparamref name="TOptions"/> with the values of <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The JSON is not an object, names an unknown option, or has a value of the wrong type.</exception>
    public static TOptions Bind<TOptions>(JsonElement? options, string rankerName) where TOptions : class, new()
    {
        var result = new TOptions();
        if (options is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return result;
        if (element.ValueKind != JsonValueKind.Object)
            throw new ArgumentException($"Options of ranker '{rankerName}' must be a JSON object, got {element.ValueKind}", nameof(options));

        var errors = new List<string>();
        PropertyInfo[] properties = typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (JsonProperty json in element.EnumerateObject())
        {
            PropertyInfo? property = Array.Find(properties, p => p.CanWrite && string.Equals(p.Name, json.Name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                errors.Add($"unknown option '{json.Name}'");
                continue;
            }
            if (TryConvert(json.Value, property.PropertyType, out object? value, out string? problem))
                property.SetValue(result, value);
            else
                errors.Add($"option '{json.Name}': {problem}");
        }
        if (errors.Count > 0) throw new ArgumentException($"Options of ranker '{rankerName}' are invalid: {string.Join("; ", errors)}", nameof(options));
        return result;
    }

    private static bool TryConvert(JsonElement value, Type type, out object? result, out string? problem)
    {
        result = null;
        problem = null;
        Type? underlying = Nullable.GetUnderlyingType(type);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (underlying is not null || !type.IsValueType) return true;
            problem = $"null is not a {type.Name}";
            return false;
        }
        Type target = underlying ?? type;
        if (target == typeof(string) && value.ValueKind == JsonValueKind.String) { result = value.GetString(); return true; }
        if (target == typeof(bool) && value.ValueKind is JsonValueKind.True or JsonValueKind.False) { result = value.GetBoolean(); return true; }
        if (target == typeof(int) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int i)) { result = i; return true; }
        if (target == typeof(long) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long l)) { result = l; return true; }
        if (target == typeof(double) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d)) { result = d; return true; }
        if (target == typeof(float) && value.ValueKind == JsonValueKind.Number && value.TryGetSingle(out float f) && float.IsFinite(f)) { result = f; return true; }
        if (target.IsEnum && value.ValueKind == JsonValueKind.String
            && Enum.TryParse(target, value.GetString(), ignoreCase: true, out object? e) && e is not null && Enum.IsDefined(target, e)
            && !char.IsDigit(value.GetString()![0]))
        {
            result = e;
            return true;
        }
        problem = target.IsEnum
            ? $"expected one of {string.Join(", ", Enum.GetNames(target))}, got {Show(value)}"
            : $"expected {Describe(target)}, got {Show(value)}";
        return false;
    }

    private static string Describe(Type t) => t == typeof(string) ? "a string" : t == typeof(bool) ? "true or false" : t == typeof(int) || t == typeof(long) ? "an integer" : "a number";

    private static string Show(JsonElement value) => value.ValueKind == JsonValueKind.String ? $"\"{value.GetString()}\"" : value.GetRawText();

    /// <summary>Every readable public property of <paramref name="options"/> as name=value text (invariant culture), e.g. for model metadata.</summary>
    public static Dictionary<string, string> Describe(object options, string prefix)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (PropertyInfo p in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.Name == "EqualityContract") continue;
            result[prefix + p.Name] = p.GetValue(options) switch
            {
                null => "null",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                object o => o.ToString() ?? "",
            };
        }
        return result;
    }
}
