using System.Text.Json;
using LuceneReco.Host.Http.Paging;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LuceneReco.Host.Http;

/// <summary>The read endpoints: search, similar items, recommendations, one item.</summary>
internal static class QueryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/search", Search)
            .WithName("Search").WithSummary("Keyword search through a pipeline (BM25 recall, then its stages).");
        app.MapPost("/recommend", Recommend)
            .WithName("Recommend").WithSummary("Recommendations for a user; items the user interacted with are left out.")
            .Accepts<RecommendBody>("application/json");
        var items = app.MapGroup("/items/{id}");
        items.MapGet("/similar", Similar)
            .WithName("Similar").WithSummary("Items like one item (the pipeline's 'similar' source, then its stages).");
        items.MapGet("", Item)
            .WithName("GetItem").WithSummary("One item's stored fields.");
    }

    private static async Task<Results<Ok<ResultsResponse>, ValidationProblem, ProblemHttpResult>> Search(
        string? q, string? k, string[]? filter, string? pipeline, string? explain, string? offset, string? cursor,
        ServingHost host, Pager pager, CancellationToken cancellation)
    {
        var problems = new List<JsonInput.Problem>();
        if (Pager.Continues(cursor)) return Continue(host, pager, cursor!, RequestKind.Search, k, offset);
        if (string.IsNullOrWhiteSpace(q)) problems.Add(new JsonInput.Problem("q", "is required: the words to search for"));
        var request = new PipelineRequest
        {
            Kind = RequestKind.Search,
            QueryText = q,
            Filters = filter ?? [],
            K = ApiProblems.Int(k, "k", 1, PipelineRequest.MaxK, problems) ?? 10,
            Pipeline = pipeline,
            Explain = ApiProblems.Flag(explain, "explain", problems),
        };
        int from = ApiProblems.Int(offset, "offset", 0, PipelineRequest.MaxK - 1, problems) ?? 0;
        if (problems.Count > 0) return ApiProblems.Invalid(problems);
        return await pager.FirstAsync(host, request, from, cursor is not null, cancellation).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<ResultsResponse>, ValidationProblem, ProblemHttpResult>> Similar(
        string id, string? k, string[]? filter, string? pipeline, string? explain, string? offset, string? cursor,
        ServingHost host, Pager pager, CancellationToken cancellation)
    {
        var problems = new List<JsonInput.Problem>();
        if (Pager.Continues(cursor)) return Continue(host, pager, cursor!, RequestKind.Similar, k, offset);
        var request = new PipelineRequest
        {
            Kind = RequestKind.Similar,
            ItemId = id,
            Filters = filter ?? [],
            K = ApiProblems.Int(k, "k", 1, PipelineRequest.MaxK, problems) ?? 10,
            Pipeline = pipeline,
            Explain = ApiProblems.Flag(explain, "explain", problems),
        };
        int from = ApiProblems.Int(offset, "offset", 0, PipelineRequest.MaxK - 1, problems) ?? 0;
        if (problems.Count > 0) return ApiProblems.Invalid(problems);
        return await pager.FirstAsync(host, request, from, cursor is not null, cancellation).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<ResultsResponse>, ValidationProblem, ProblemHttpResult>> Recommend(
        JsonBody<RecommendBody> json, ServingHost host, Pager pager, CancellationToken cancellation)
    {
        if (json.Status == StatusCodes.Status415UnsupportedMediaType) return ApiProblems.NotJson(json);
        if (!json.IsValid) return ApiProblems.Invalid(json.Problems);
        var body = json.Value!;
        var problems = new List<JsonInput.Problem>();
        if (Pager.Continues(body.Cursor))
        {
            if (body.K is < 1 or > PipelineRequest.MaxK) return ApiProblems.Invalid([new JsonInput.Problem("k", $"must be from 1 to {PipelineRequest.MaxK}, got {body.K}")]);
            return pager.Next(host, body.Cursor!, RequestKind.Recommend, body.K);
        }
        if (body.Offset is < 0 or >= PipelineRequest.MaxK) problems.Add(new JsonInput.Problem("offset", $"must be from 0 to {PipelineRequest.MaxK - 1}, got {body.Offset}"));
        if (string.IsNullOrWhiteSpace(body.UserId)) problems.Add(new JsonInput.Problem("userId", "is required"));
        if (body.RecentItems is { } recent && recent.Exists(string.IsNullOrWhiteSpace)) problems.Add(new JsonInput.Problem("recentItems", "must be non-empty item ids"));
        if (body.K is < 1 or > PipelineRequest.MaxK) problems.Add(new JsonInput.Problem("k", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"must be from 1 to {PipelineRequest.MaxK:N0}, got {body.K}")));
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in body.Options ?? [])
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: options[key] = value.GetString()!; break;
                case JsonValueKind.Number: options[key] = value.GetRawText(); break;
                case JsonValueKind.True: options[key] = "true"; break;
                case JsonValueKind.False: options[key] = "false"; break;
                default: problems.Add(new JsonInput.Problem($"options.{key}", $"must be a string, a number or a boolean, got {JsonShape.Describe(value)}")); break;
            }
        }
        if (problems.Count > 0) return ApiProblems.Invalid(problems);
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
        return await pager.FirstAsync(host, request, body.Offset ?? 0, body.Cursor is not null, cancellation).ConfigureAwait(false);
    }

    private static Results<Ok<Dictionary<string, object>>, ProblemHttpResult> Item(string id, ServingHost host)
    {
        using var reader = host.Index.Acquire();
        int doc = reader.DocOf(id);
        if (doc < 0) return ApiProblems.NotFound($"no item with id '{id}'");
        var fields = ResultsResponse.FieldsOf(reader, doc);
        fields["id"] = id;
        return TypedResults.Ok(fields);
    }

    /// <summary>The next page of a kept list (see <see cref="Pager"/>): only <paramref name="k"/> is read besides the cursor.</summary>
    private static Results<Ok<ResultsResponse>, ValidationProblem, ProblemHttpResult> Continue(
        ServingHost host, Pager pager, string cursor, RequestKind kind, string? k, string? offset)
    {
        var problems = new List<JsonInput.Problem>();
        int? size = ApiProblems.Int(k, "k", 1, PipelineRequest.MaxK, problems);
        if (offset is not null) problems.Add(new JsonInput.Problem("offset", "cannot be given with a cursor: the cursor says where the next page starts"));
        return problems.Count > 0 ? ApiProblems.Invalid(problems) : pager.Next(host, cursor, kind, size);
    }
}
