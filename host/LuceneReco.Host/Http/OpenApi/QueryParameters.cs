using System.Text.Json.Nodes;
using LuceneReco.Host.Pipelines;
using Microsoft.OpenApi;

namespace LuceneReco.Host.Http.OpenApi;

/// <summary>
/// What the OpenAPI document says of each query and path parameter: a description, the schema the handler really
/// checks (the handlers bind numbers and flags as text so a bad value becomes a problem naming it, which the generator
/// would otherwise publish as a string), and an example.
/// </summary>
internal static class QueryParameters
{
    private sealed record Parameter(string Description, Func<OpenApiSchema> Schema, JsonNode? Example);

    private static readonly Dictionary<string, Parameter> Known = new(StringComparer.Ordinal)
    {
        ["q"] = new("The words to search for (required unless `cursor` continues a list).", Text, "orbit station"),
        ["k"] = new($"How many results (1 to {PipelineRequest.MaxK}; default 10). With a cursor: the page size (default: the first page's).",
            () => Integer(1, PipelineRequest.MaxK, 10), 10),
        ["offset"] = new($"Skip this many results of the ranking (0 to {PipelineRequest.MaxK - 1}; offset + k at most {PipelineRequest.MaxK}; default 0). Not with a cursor.",
            () => Integer(0, PipelineRequest.MaxK - 1, 0), 20),
        ["cursor"] = new("`*` starts a paged list: the list is ranked once (to the server's paging depth, default 200) and kept; the response's `next` "
            + "fetches the following page of that same ranking. A cursor past its time to live (default 10 minutes) answers 410.", Text, "*"),
        ["filter"] = new("A filter, `field=value` or `field=min..max` (numbers); repeat the parameter for several (all must hold).",
            () => new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } }, new JsonArray("category=books")),
        ["pipeline"] = new("The pipeline to run (default: the configured default for the request).", Text, "default"),
        ["explain"] = new("Return each item's stage scores, explanation lines, reasons and arithmetic, and the stage timings (`true`, `false`, `1`, `0`, or the bare name; default false).",
            () => new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = false }, true),
        ["id"] = new("The item id.", Text, "b001"),
        ["userId"] = new("The user id.", Text, "ann"),
    };

    /// <summary>Parameters that mean something else on one operation, by operation id and name (they win over <see cref="Known"/>).</summary>
    private static readonly Dictionary<(string Operation, string Name), Parameter> ByOperation = new()
    {
        [("ListUsers", "limit")] = new($"How many users in the page (1 to {Web.UserListEndpoint.MaxLimit}; default {Web.UserListEndpoint.DefaultLimit}).",
            () => Integer(1, Web.UserListEndpoint.MaxLimit, Web.UserListEndpoint.DefaultLimit), 20),
        [("ListUsers", "offset")] = new("Skip this many users (most events first; default 0): the previous page's `nextOffset`.",
            () => Integer(0, int.MaxValue - Web.UserListEndpoint.MaxLimit, 0), 20),
        [("UserProfile", "id")] = new("The user id.", Text, "u05"),
        [("UserProfile", "max")] = new("How many words, categories and items to list (1 to 100; default 10).", () => Integer(1, 100, 10), 5),
    };

    /// <summary>Fills in <paramref name="operation"/>'s parameters the tables know.</summary>
    public static void Describe(OpenApiOperation operation)
    {
        if (operation.Parameters is null) return;
        foreach (var p in operation.Parameters)
        {
            if (p is not OpenApiParameter parameter || parameter.Name is null) continue;
            if (!ByOperation.TryGetValue((operation.OperationId ?? "", parameter.Name), out var known) && !Known.TryGetValue(parameter.Name, out known)) continue;
            parameter.Description = known.Description;
            parameter.Schema = known.Schema();
            parameter.Example = known.Example?.DeepClone();
            if (parameter.Name == "filter") { parameter.Style = ParameterStyle.Form; parameter.Explode = true; }
        }
    }

    private static OpenApiSchema Text() => new() { Type = JsonSchemaType.String };

    private static OpenApiSchema Integer(int min, int max, int @default) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Default = @default,
    };
}
