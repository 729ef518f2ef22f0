using LuceneReco.Host.Models;
using LuceneReco.Host.Serving;
using LuceneReco.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace LuceneReco.Host.Http;

/// <summary>
/// <c>/admin/models</c>: the trained model versions under the server's data folder and their aliases, moved as
/// <c>lucenereco models</c> moves them (the POSTs change state, so they need the API key whenever the server has one).
/// </summary>
internal static class ModelEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/admin/models");
        models.MapGet("", (ServingHost host) => TypedResults.Ok(host.Models.List()))
            .WithName("ListModels").WithSummary("Every trained model's versions (size, created), its aliases and its pinned versions.");
        models.MapPost("/promote", Promote)
            .WithName("PromoteModel").WithSummary("Points an alias (default production) of a model at a version; the version it pointed to is pinned for a rollback.")
            .Accepts<ModelMoveBody>("application/json");
        models.MapPost("/rollback", Rollback)
            .WithName("RollbackModel").WithSummary("Points an alias (default production) of a model back at its previous version.")
            .Accepts<ModelMoveBody>("application/json");
    }

    /// <summary>The body of a promote or rollback.</summary>
    /// <param name="Model">The model as <c>GET /admin/models</c> names it, e.g. <c>collaborative/models/itemknn</c>.</param>
    /// <param name="Version">The version to promote (not read by a rollback).</param>
    /// <param name="Alias">The alias to move; the default is <c>production</c>.</param>
    internal sealed record ModelMoveBody(string? Model, int? Version, string? Alias);

    /// <summary>What a move did, and the model afterwards.</summary>
    internal sealed record ModelMoved(string Message, ModelEntry? Model);

    private static Results<Ok<ModelMoved>, ValidationProblem, ProblemHttpResult> Promote(JsonBody<ModelMoveBody> json, ServingHost host)
    {
        if (json.Status == StatusCodes.Status415UnsupportedMediaType) return ApiProblems.NotJson(json);
        if (!json.IsValid) return ApiProblems.Invalid(json.Problems, "");
        var body = json.Value!;
        if (string.IsNullOrWhiteSpace(body.Model)) return Bad("model must name a model (see GET /admin/models)");
        if (body.Version is not int version || version < 1) return Bad("version must be a version number of the model");
        return Run(host, body.Model, () => host.Models.Promote(body.Model, version, body.Alias ?? ModelAliases.Production));
    }

    private static Results<Ok<ModelMoved>, ValidationProblem, ProblemHttpResult> Rollback(JsonBody<ModelMoveBody> json, ServingHost host)
    {
        if (json.Status == StatusCodes.Status415UnsupportedMediaType) return ApiProblems.NotJson(json);
        if (!json.IsValid) return ApiProblems.Invalid(json.Problems, "");
        var body = json.Value!;
        if (string.IsNullOrWhiteSpace(body.Model)) return Bad("model must name a model (see GET /admin/models)");
        return Run(host, body.Model, () => host.Models.Rollback(body.Model, body.Alias ?? ModelAliases.Production));
    }

    private static Results<Ok<ModelMoved>, ValidationProblem, ProblemHttpResult> Run(ServingHost host, string model, Func<string> move)
    {
        try
        {
            string message = move();
            return TypedResults.Ok(new ModelMoved(message, host.Models.List().FirstOrDefault(m => m.Name == model)));
        }
        catch (ModelRegistryException e)
        {
            return e.Message.StartsWith("no model named", StringComparison.Ordinal) ? ApiProblems.NotFound(e.Message) : Bad(e.Message);
        }
    }

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid");
}
