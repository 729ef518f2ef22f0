using LuceneReco.Host.Pipelines;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace LuceneReco.Host.Http;

/// <summary>
/// Turns every exception that reaches the top into a ProblemDetails response: bad input (our
/// <see cref="RequestException"/> and ASP.NET's binding failures) keeps its 4xx status and says what
/// was wrong; anything else is a 500 whose detail names the trace id but never the exception or a stack trace
/// (the exception goes to the log).
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            RequestException r => (r.Error == RequestError.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, r.Message),
            BadHttpRequestException b => (b.StatusCode, b.Message),
            Serving.WriteRefusedException w => (w.StatusCode, w.Message), // 507 disk full, 503 cannot write now; nothing was written
            _ => (StatusCodes.Status500InternalServerError,
                $"An unexpected error occurred; it has been logged with trace id {context.TraceIdentifier}."),
        };
        // the route template, never the path: ids and user ids stay out of the log
        string route = Security.EndpointAccess.Route(context);
        if (status >= 500 && exception is Serving.WriteRefusedException refused)
            logger.LogWarning("{Method} {Route} refused: {Reason} ({Where})", context.Request.Method, route, exception.Message, refused.Where ?? "-");
        else if (status >= 500) logger.LogError(exception, "{Method} {Route} failed (trace id {TraceId})", context.Request.Method, route, context.TraceIdentifier);
        context.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable && exception is Serving.WriteRefusedException) context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail },
        }).ConfigureAwait(false);
    }
}
