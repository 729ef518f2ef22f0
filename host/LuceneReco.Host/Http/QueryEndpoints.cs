using System.Text.Json;
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
        string? q, string? k, string[]? filter, string? pipeline, string? explain, ServingHost host, CancellationToken cancellation)
    {
        var problems = new List<JsonInput.Problem>();
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
        if (problems.Count > 0) return ApiProblems.Invalid(problems);
        return await Run(host, request, cancellation).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<ResultsResponse>, ValidationProblem, ProblemHttpResult>> Similar(
        string id, string? k, string[]? filter, string? pipeline, string? explain, ServingHost host, CancellationToken cancellation)
    {
        var problems = new List<JsonInput.Problem>();
        var request = new PipelineRequest
        {
            Kind = RequestKind.Similar,
            ItemId = id,
            Filters = filter ?? [],
            K = ApiProblems.Int(k, "k", 1, PipelineRequest.MaxK, problems) ?? 10,
            Pipeline = pipeline,
            Explain = ApiProblems.Flag(explain, "explain", problems),
        };
        if (problems.Count > 0) return ApiProblems.Invalid(problems);
        return await Run(host, request, cancellation).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<ResultsResponse>, ValidationProblem, ProblemHttpResult>> Recommend(
        JsonBody<RecommendBody> json, ServingHost host, CancellationToken cancellation)
    {
        if (json.Status == StatusCodes.Status415UnsupportedMediaType) return ApiProblems.NotJson(json);
        if (!json.IsValid) return ApiProblems.Invalid(json.Problems);
        var body = json.Value!;
        var problems = new List<JsonInput.Problem>();
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
        return await Run(host, request, cancellation).ConfigureAwait(false);
    }

    private static Results<Ok<Dictionary<string, object>>, ProblemHttpResult> Item(string id, ServingHost host)
    {
        var reader = host.Index.Reader;
        int doc = reader.DocOf(id);
        if (doc < 0) return ApiProblems.NotFound($"no item with id '{id}'");
        var fields = ResultsResponse.FieldsOf(reader, doc);
        fields["id"] = id;
        return TypedResults.Ok(fields);
    }

    private static async Task<Results<Ok<ResultsResponse>, ValidationProblem, ProblemHttpResult>> Run(ServingHost host, PipelineRequest request, CancellationToken cancellation)
    {
        try
        {
            var result = await host.Runner.RunAsync(request, cancellation).ConfigureAwait(false);
            return TypedResults.Ok(ResultsResponse.From(result, request.Explain));
        }
        catch (RequestException e) // what the pipeline refuses: an unknown pipeline, a bad filter, a missing item
        {
            return ApiProblems.From(e);
        }
    }
}
