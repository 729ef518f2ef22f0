using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LuceneReco.Host.Http.Security;

/// <summary>
/// Holds every endpoint's bound arguments to <see cref="RequestLimits"/> before the handler runs: route and query strings
/// (ids, user ids, pipeline names, query text, filters), item bodies (batch size, item size, id and text fields), event
/// bodies (ids and kinds) and recommendation bodies. Over a length or count: 400 naming the field and the limit; an item
/// over <see cref="RequestLimits.MaxItemBytes"/>: 413. Nothing is written when a request is refused.
/// </summary>
internal static class FieldLimitsFilter
{
    /// <summary>The filter factory for <c>AddEndpointFilterFactory</c>.</summary>
    public static Func<EndpointFilterFactoryContext, EndpointFilterDelegate, EndpointFilterDelegate> Factory(RequestLimits limits) => (factory, next) =>
    {
        var parameters = factory.MethodInfo.GetParameters();
        string method = factory.MethodInfo.Name;
        return async context =>
        {
            var problems = new List<JsonInput.Problem>();
            IResult? refusal = null;
            for (int i = 0; i < parameters.Length && i < context.Arguments.Count && refusal is null; i++)
                refusal = Check(parameters[i], method, context.Arguments[i], limits, problems);
            if (refusal is not null) return refusal;
            if (problems.Count > 0) return ApiProblems.Invalid(problems, " (nothing was written)");
            return await next(context).ConfigureAwait(false);
        };
    };

    private static IResult? Check(ParameterInfo parameter, string method, object? argument, RequestLimits limits, List<JsonInput.Problem> problems)
    {
        string name = parameter.Name ?? "";
        switch (argument)
        {
            case string s when name is "q":
                Length(name, s, limits.MaxQueryLength, "maxQueryLength", problems);
                break;
            case string s when name is "id" or "userId" or "pipeline":
                Length(name, s, limits.MaxIdLength, "maxIdLength", problems);
                break;
            case string s:
                Length(name, s, limits.MaxQueryLength, "maxQueryLength", problems);
                break;
            case string[] list:
                Count(name, list.Length, limits, problems);
                foreach (var s in list) Length(name, s, limits.MaxQueryLength, "maxQueryLength", problems);
                break;
            case JsonBody<JsonElement> { IsValid: true } body when method.Contains("Item", StringComparison.Ordinal):
                return Items(body.Value, limits, problems);
            case JsonBody<JsonElement> { IsValid: true } body when method.Contains("Event", StringComparison.Ordinal):
                Events(body.Value, limits, problems);
                break;
            case JsonBody<JsonElement> { IsValid: true } body:
                Strings("body", body.Value, limits.MaxFieldLength, "maxFieldLength", problems);
                break;
            case JsonBody<RecommendBody> { IsValid: true, Value: { } recommend }:
                Recommend(recommend, limits, problems);
                break;
        }
        return null;
    }

    private static void Recommend(RecommendBody body, RequestLimits limits, List<JsonInput.Problem> problems)
    {
        Length("userId", body.UserId, limits.MaxIdLength, "maxIdLength", problems);
        Length("pipeline", body.Pipeline, limits.MaxIdLength, "maxIdLength", problems);
        Length("query", body.Query, limits.MaxQueryLength, "maxQueryLength", problems);
        if (body.RecentItems is { } recent)
        {
            Count("recentItems", recent.Count, limits, problems);
            for (int i = 0; i < recent.Count; i++) Length($"recentItems[{Num(i)}]", recent[i], limits.MaxIdLength, "maxIdLength", problems);
        }
        if (body.Filters is { } filters)
        {
            Count("filters", filters.Count, limits, problems);
            for (int i = 0; i < filters.Count; i++) Length($"filters[{Num(i)}]", filters[i], limits.MaxQueryLength, "maxQueryLength", problems);
        }
        foreach (var (key, value) in body.Options ?? [])
        {
            Length("options", key, limits.MaxIdLength, "maxIdLength", problems);
            Strings($"options.{Shorten(key)}", value, limits.MaxQueryLength, "maxQueryLength", problems);
        }
    }

    private static IResult? Items(JsonElement root, RequestLimits limits, List<JsonInput.Problem> problems)
    {
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() is int n && n > limits.MaxBatch)
        {
            Count("", n, limits, problems);
            return null;
        }
        int index = 0;
        foreach (var item in Elements(root))
        {
            index++;
            if (item.ValueKind != JsonValueKind.Object) continue; // the endpoint says what is wrong with it
            string where = root.ValueKind == JsonValueKind.Object ? "item" : $"item {Num(index)}";
            int bytes = JsonMarshal.GetRawUtf8Value(item).Length;
            if (bytes > limits.MaxItemBytes)
                return TypedResults.Problem($"{where} is {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes of JSON; the limit maxItemBytes is {limits.MaxItemBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes (nothing was written)",
                    statusCode: StatusCodes.Status413PayloadTooLarge, title: "Item too large",
                    extensions: new Dictionary<string, object?> { ["limit"] = "maxItemBytes", ["field"] = where });
            foreach (var property in item.EnumerateObject())
            {
                bool id = property.NameEquals("id");
                Strings($"{where}: {Shorten(property.Name)}", property.Value, id ? limits.MaxIdLength : limits.MaxFieldLength, id ? "maxIdLength" : "maxFieldLength", problems);
            }
        }
        return null;
    }

    private static void Events(JsonElement root, RequestLimits limits, List<JsonInput.Problem> problems)
    {
        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() is int n && n > limits.MaxBatch)
        {
            Count("", n, limits, problems);
            return;
        }
        int index = 0;
        foreach (var e in Elements(root))
        {
            index++;
            if (e.ValueKind != JsonValueKind.Object) continue;
            foreach (var property in e.EnumerateObject())
            {
                string where = $"event {Num(index)}: {Shorten(property.Name)}";
                if (property.Name.Equals("kind", StringComparison.OrdinalIgnoreCase)) Strings(where, property.Value, limits.MaxKindLength, "maxKindLength", problems);
                else Strings(where, property.Value, limits.MaxIdLength, "maxIdLength", problems);
            }
        }
    }

    private static IEnumerable<JsonElement> Elements(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Array => root.EnumerateArray(),
        JsonValueKind.Object => [root],
        _ => [],
    };

    /// <summary>Every string in <paramref name="value"/> (itself, or the elements of lists and objects) within <paramref name="max"/> characters.</summary>
    private static void Strings(string field, JsonElement value, int max, string limit, List<JsonInput.Problem> problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                // the escaped UTF-8 is never shorter than the text: only a long one is decoded to count its characters
                if (JsonMarshal.GetRawUtf8Value(value).Length > max) Length(field, value.GetString(), max, limit, problems);
                break;
            case JsonValueKind.Array:
                foreach (var e in value.EnumerateArray()) Strings(field, e, max, limit, problems);
                break;
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject()) Strings(field, p.Value, max, limit, problems);
                break;
        }
    }

    private static void Length(string field, string? value, int max, string limit, List<JsonInput.Problem> problems)
    {
        if (value is not null && value.Length > max)
            problems.Add(new JsonInput.Problem(field, $"is {value.Length.ToString("N0", CultureInfo.InvariantCulture)} characters; the limit {limit} is {max.ToString("N0", CultureInfo.InvariantCulture)}"));
    }

    private static void Count(string field, int count, RequestLimits limits, List<JsonInput.Problem> problems)
    {
        if (count > limits.MaxBatch)
            problems.Add(new JsonInput.Problem(field, $"holds {count.ToString("N0", CultureInfo.InvariantCulture)} elements; the limit maxBatch is {limits.MaxBatch.ToString("N0", CultureInfo.InvariantCulture)}"));
    }

    private static string Num(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
