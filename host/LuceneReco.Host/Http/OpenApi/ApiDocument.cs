using LuceneReco.Host.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace LuceneReco.Host.Http.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> (descriptions of types and members come from the XML comments; this
/// adds what they cannot say: the API's overview, parameter ranges, body schemas and examples) and the API reference
/// page at <c>/docs</c> (Scalar, with its script served by the host: no fonts, telemetry or scripts from elsewhere).
/// </summary>
internal static class ApiDocument
{
    /// <summary>The path of the API reference page.</summary>
    public const string ReferencePath = "/docs";

    private const string Overview =
        "LuceneReco recalls candidates from an embedded Lucene-style index (keyword search, more-like-this, the user's profile, "
        + "plugin sources) and lets hot-loaded ranker plugins rescore them; every score can be explained (`explain=true`).\n\n"
        + "**Errors** are `application/problem+json`: 400 names each bad field in `errors` and lists them in `detail`; 404 says what "
        + "is missing; 410 is a paging cursor that has expired.\n\n"
        + "**Paging**: `offset` skips results of the ranking (offset + k at most 1000). `cursor=*` ranks the list once (to the "
        + "paging depth, default 200), keeps it for a time (default 10 minutes, at most 1,000 lists) and returns `next`; sending "
        + "`next` back returns the following page of that same ranking, so pages never repeat or skip an item.";

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["Search"] = "BM25 recall over the text fields, then the pipeline's stages. Items the user has seen are kept. Supports `offset` and `cursor` paging.",
        ["Recommend"] = "Recalls from the user's history (their stored events, or `recentItems`) and the pipeline's sources, fuses, then runs its "
            + "stages; items the user interacted with are left out. Supports `offset` and `cursor` paging (the cursor in the body).",
        ["Similar"] = "Items like one item: the pipeline's `similar` sources, then its stages; a pipeline without one says so in `skippedStages`.",
        ["PutItems"] = "Adds or replaces items, committed (fsync) before the answer and visible to the next request. The body's fields are this index's schema.",
        ["PostEvents"] = "Records interaction events (the user's history for recommendations and the training data of collaborative models).",
        ["Metrics"] = "JSON. The same figures in the Prometheus text format are at `/metrics/prometheus`.",
    };

    /// <summary>Configures the document's transformers.</summary>
    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            var description = context.JsonPropertyInfo?.AttributeProvider is System.Reflection.PropertyInfo property
                ? XmlDocs.Of(property)
                : XmlDocs.Of(context.JsonTypeInfo.Type);
            if (description is not null) schema.Description ??= description; // the types' own comments (XmlDocs)
            if (context.JsonPropertyInfo is null) OmitNullsFromRequired(schema);
            BodySchemas.Annotate(context.JsonTypeInfo.Type, schema);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, _, _) =>
        {
            QueryParameters.Describe(operation);
            if (operation.OperationId is { } id && Descriptions.TryGetValue(id, out var text)) operation.Description = text;
            if (operation.OperationId is "Search" or "Similar" or "Recommend")
            {
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("410", new OpenApiResponse { Description = "The paging cursor has expired or is no longer kept (a problem saying how to start over)." });
            }
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info = new OpenApiInfo { Title = "LuceneReco", Version = "v1", Description = Overview };
            var host = context.ApplicationServices.GetRequiredService<ServingHost>();
            if (Find(document, "/items", HttpMethod.Put) is { } put)
                put.RequestBody = Body("Items to add or replace.", BodySchemas.Items(host.IndexSchema));
            if (Find(document, "/events", HttpMethod.Post) is { } post
                && post.RequestBody?.Content?.TryGetValue("application/json", out var media) == true && media.Schema is { } array)
                post.RequestBody = Body("Events to record.", BodySchemas.Events(array));
            return Task.CompletedTask;
        });
    }

    /// <summary>Maps the API reference page at <see cref="ReferencePath"/>.</summary>
    public static void MapReference(IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("LuceneReco API reference")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry());

    /// <summary>A null is never written (<see cref="HttpJson"/>), so a nullable property may be absent: not required.</summary>
    private static void OmitNullsFromRequired(OpenApiSchema schema)
    {
        if (schema.Required is not { Count: > 0 } required || schema.Properties is not { } properties) return;
        foreach (var name in required.ToList())
            if (properties.TryGetValue(name, out var property) && property.Type is { } type && type.HasFlag(JsonSchemaType.Null))
                required.Remove(name);
    }

    private static OpenApiOperation? Find(OpenApiDocument document, string path, HttpMethod method) =>
        document.Paths.TryGetValue(path, out var item) && item.Operations?.TryGetValue(method, out var operation) == true ? operation : null;

    private static OpenApiRequestBody Body(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Required = true,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = schema } },
    };
}
