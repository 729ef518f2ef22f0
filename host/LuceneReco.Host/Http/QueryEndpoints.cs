using System.Text.Json;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LuceneReco.Host.Http;

/// <summary>The read endpoints: search, similar items, recommendations, one item.</summary>
internal static class QueryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/search", Search)
            .WithName("Search").WithSummary("Keyword search through a pipeline (BM25 recall, then its stages).")
            .Produces<ResultsResponse>().ProducesProblem(400);
        app.MapGet("/items/{id}/similar", Similar)
            .WithName("Similar").WithSummary("Items like one item (the pipeline's 'similar' source, then its stages).")
            .Produces<ResultsResponse>().ProducesProblem(400).ProducesProblem(404);
        app.MapPost("/recommend", Recommend)
            .WithName("Recommend").WithSummary("Recommendations for a user; items the user interacted with are left out.")
            .Accepts<RecommendBody>("application/json")
            .Produces<ResultsResponse>().ProducesProblem(400).ProducesProblem(404);
        app.MapGet("/items/{id}", Item)
            .WithName("GetItem").WithSummary("One item's stored fields.")
            .Produces<Dictionary<string, object>>().ProducesProblem(404);
    }

    private static async Task<IResult> Search(string? q, int? k, string[]? filter, string? pipeline, bool? explain, ServingHost host, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(q)) throw RequestException.BadRequest("query parameter 'q' is required");
        var request = new PipelineRequest
        {
            Kind = RequestKind.Search,
            QueryText = q,
            Filters = filter ?? [],
            K = k ?? 10,
            Pipeline = pipeline,
            Explain = explain ?? false,
        };
        return await Run(host, request, cancellation).ConfigureAwait(false);
    }

    private static async Task<IResult> Similar(string id, int? k, string[]? filter, string? pipeline, bool? explain, ServingHost host, CancellationToken cancellation)
    {
        var request = new PipelineRequest
        {
            Kind = RequestKind.Similar,
            ItemId = id,
            Filters = filter ?? [],
            K = k ?? 10,
            Pipeline = pipeline,
            Explain = explain ?? false,
        };
        return await Run(host, request, cancellation).ConfigureAwait(false);
    }

    private static async Task<IResult> Recommend(HttpRequest http, ServingHost host, CancellationToken cancellation)
    {
        using var json = await HttpJson.ReadBodyAsync(http, cancellation).ConfigureAwait(false);
        if (json.RootElement.ValueKind != JsonValueKind.Object) throw RequestException.BadRequest("the body must be a JSON object");
        var body = HttpJson.Bind<RecommendBody>(json.RootElement, "body");
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(body.UserId)) errors.Add("userId is required");
        if (body.RecentItems is { } recent && recent.Exists(string.IsNullOrWhiteSpace)) errors.Add("recentItems must be non-empty item ids");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in body.Options ?? [])
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: options[key] = value.GetString()!; break;
                case JsonValueKind.Number: options[key] = value.GetRawText(); break;
                case JsonValueKind.True: options[key] = "true"; break;
                case JsonValueKind.False: options[key] = "false"; break;
                default: errors.Add($"options.{key} must be a string, a number or a boolean"); break;
            }
        }
        if (errors.Count > 0) throw RequestException.BadRequest(string.Join("; ", errors));
        var request = new PipelineRequest
        {
            Kind = RequestKind.Recommend,
            UserId = body.UserId,
            RecentItems = body.RecentItems,
            QueryText = string.IsNullOrWhiteSpace(body.Query) ? null : body.Query,
            Filters = body.Filters ?? [],
            K = body.K ?? 10,
            Pipeline = body.Pipeline,
            Options = options,
            Explain = body.Explain ?? false,
        };
        return await Run(host, request, cancellation).ConfigureAwait(false);
    }

    private static IResult Item(string id, ServingHost host)
    {
        var reader = host.Index.Reader;
        int doc = reader.DocOf(id);
        if (doc < 0) throw RequestException.NotFound($"no item with id '{id}'");
        var fields = ResultsResponse.FieldsOf(reader, doc);
        fields["id"] = id;
        return Results.Json(fields, HttpJson.Write);
    }

    private static async Task<IResult> Run(ServingHost host, PipelineRequest request, CancellationToken cancellation)
    {
        var result = await host.Runner.RunAsync(request, cancellation).ConfigureAwait(false);
        return Results.Json(ResultsResponse.From(result, request.Explain), HttpJson.Write);
    }
}
