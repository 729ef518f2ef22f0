using LuceneReco.Host.Http;
using LuceneReco.Host.Pipelines;
using LuceneReco.Host.Profiles;
using LuceneReco.Host.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LuceneReco.Host.Web;

/// <summary>
/// The demo page and what it reads besides the API proper: <c>GET /</c> (the page), <c>GET /demo/{file}</c> (its script
/// and style sheet), <c>GET /pipelines</c> (the pipelines with their stages and sliders), <c>GET /users</c> (the users, for the page's picker) and
/// <c>GET /users/{id}/profile</c> (the user's interest profile). See docs/demo-page.md.
/// </summary>
internal static class WebEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => DemoPage.Serve("index.html"))
            .WithName("DemoPage").WithSummary("The demo page: search, an item and more like it, a user's recommendations and profile, plugins and metrics.")
            .ExcludeFromDescription();
        app.MapGet("/demo/{file}", (string file) => DemoPage.Serve(file))
            .WithName("DemoAsset").WithSummary("The demo page's script and style sheet.")
            .ExcludeFromDescription();
        app.MapGet("/pipelines", Pipelines)
            .WithName("ListPipelines").WithSummary("The configured pipelines: recall sources, stages, and the request options (sliders) of the diversity and fairness stages.");
        app.MapGet("/users/{id}/profile", Profile)
            .WithName("UserProfile").WithSummary("The words, categories and items that shape a user's content recommendations, with weights and the time of their newest event.");
        UserListEndpoint.Map(app);
    }

    /// <summary>What <c>GET /pipelines</c> says.</summary>
    /// <param name="DefaultPipeline">What searches, "similar items" and recommendations with query text run when they name none.</param>
    /// <param name="RecommendPipeline">What recommendations without query text run when they name none.</param>
    /// <param name="Pipelines">Every pipeline, in the configuration's order.</param>
    internal sealed record PipelinesResponse(string DefaultPipeline, string RecommendPipeline, IReadOnlyList<PipelineSummary> Pipelines);

    /// <summary>One pipeline.</summary>
    /// <param name="Name">Its name (the <c>pipeline</c> of a request).</param>
    /// <param name="Recall">Its recall sources, in order.</param>
    /// <param name="Fallback">Its fallback sources, in order.</param>
    /// <param name="Stages">Its rerank stages, in order.</param>
    internal sealed record PipelineSummary(string Name, IReadOnlyList<string> Recall, IReadOnlyList<string> Fallback, IReadOnlyList<StageSummary> Stages);

    /// <summary>One stage of a pipeline.</summary>
    /// <param name="Name">The stage's name in responses.</param>
    /// <param name="Ranker">The ranker that runs it.</param>
    /// <param name="Sliders">The request options the demo page offers as sliders (see <see cref="StageSliders"/>).</param>
    internal sealed record StageSummary(string Name, string Ranker, IReadOnlyList<StageSlider> Sliders);

    private static Ok<PipelinesResponse> Pipelines(ServingHost host)
    {
        var config = host.Runner.Config.Current.Config;
        var list = new List<PipelineSummary>(config.Pipelines.Count);
        foreach (var (name, pipeline) in config.Pipelines)
        {
            var stages = new List<StageSummary>(pipeline.Stages.Count);
            foreach (var step in pipeline.Stages) stages.Add(new StageSummary(step.StageName, step.Ranker, StageSliders.For(step)));
            list.Add(new PipelineSummary(name, pipeline.Recall.Select(r => r.Source).ToList(), pipeline.Fallback.Select(r => r.Source).ToList(), stages));
        }
        return TypedResults.Ok(new PipelinesResponse(config.DefaultPipeline, config.DefaultFor(RequestKind.Recommend, hasQuery: false), list));
    }

    private static Results<Ok<UserProfile>, ValidationProblem, ProblemHttpResult> Profile(string id, string? max, ServingHost host)
    {
        var problems = new List<JsonInput.Problem>();
        int limit = ApiProblems.Int(max, "max", 1, 100, problems) ?? 10;
        if (problems.Count > 0) return ApiProblems.Invalid(problems);
        using var view = host.Index.Acquire();
        var profile = UserProfileBuilder.Build(view, host.Interactions, host.Runner.Config.Current.Config, id, limit);
        return profile is null ? ApiProblems.NotFound($"no events of user '{id}' in the interaction store") : TypedResults.Ok(profile);
    }
}
