using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace LuceneReco.Host.Http.Security;

/// <summary>Writes the ProblemDetails responses of the security middleware (before any endpoint runs).</summary>
internal static class SecurityProblems
{
    /// <summary>Writes a problem with <paramref name="status"/>; <paramref name="limit"/> (a <see cref="RequestLimits"/> name) and <paramref name="field"/> go to its extensions when given.</summary>
    public static async Task Write(HttpContext context, int status, string title, string detail, string? limit = null, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (limit is not null) problem.Extensions["limit"] = limit;
        if (field is not null) problem.Extensions["field"] = field;
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false))
            await context.Response.WriteAsJsonAsync(problem, context.RequestAborted).ConfigureAwait(false);
    }
}
