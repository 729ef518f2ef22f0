using LuceneReco.Host.Http.Paging;
using LuceneReco.Host.Http.Security;
using LuceneReco.Host.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LuceneReco.Host.Http;

/// <summary>
/// The HTTP API over a <see cref="ServingHost"/> (see docs/serving.md): a minimal-API app on Kestrel,
/// 127.0.0.1 by default, with an OpenAPI document at <c>/openapi/v1.json</c> and ProblemDetails for every
/// error. Always runs as "Production", so no developer exception page can leak a stack trace.
/// </summary>
internal static class ServeApp
{
    /// <summary>The address when none is given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Builds the app listening on <paramref name="urls"/> (';'-separated; port 0 picks a free port), loopback rules and default limits.</summary>
    public static WebApplication Build(ServingHost host, string urls, TextWriter log) => Build(host, urls, log, ServeSecurity.Default);

    /// <summary>As <see cref="Build(ServingHost, string, TextWriter)"/>, keeping paged lists within <paramref name="paging"/>.</summary>
    public static WebApplication Build(ServingHost host, string urls, TextWriter log, PagingLimits paging) => Build(host, urls, log, ServeSecurity.Default, paging);

    /// <summary>
    /// Builds the app listening on <paramref name="urls"/> with <paramref name="security"/> (docs/security.md); paged lists
    /// are kept within <paramref name="paging"/> (default <see cref="ServeSecurity.Paging"/>).
    /// </summary>
    public static WebApplication Build(ServingHost host, string urls, TextWriter log, ServeSecurity security, PagingLimits? paging = null)
    {
        (paging ??= security.Paging).Validate();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ApplicationName = typeof(ServeApp).Assembly.GetName().Name,
            Args = [],
        });
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TextWriterLoggerProvider(log));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<Microsoft.Extensions.Hosting.ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => HttpJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.ProblemDetails.Detail is not null) return;
            var request = c.HttpContext.Request;
            c.ProblemDetails.Detail = c.ProblemDetails.Status switch
            {
                404 => $"no endpoint {request.Method} {request.Path} (see /openapi/v1.json)",
                405 => $"{request.Method} is not allowed on {request.Path}",
                415 => "send the body as JSON with the header Content-Type: application/json",
                _ => c.ProblemDetails.Title,
            };
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(OpenApi.ApiDocument.Configure);
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton(new Pager(new PagedListCache(paging, host.Metrics.Clock)));
        SecurityPipeline.AddServices(builder, security);

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            long start = host.Metrics.Clock.GetTimestamp();
            var endpoint = context.GetEndpoint(); // routing ran already; the exception handler clears it for its re-execution
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                var name = (endpoint ?? context.GetEndpoint()) is RouteEndpoint e ? $"{context.Request.Method} {e.RoutePattern.RawText}" : "unmatched";
                host.Metrics.RecordEndpoint(name, host.Metrics.Clock.GetElapsedTime(start).TotalMilliseconds, context.Response.StatusCode >= 500);
            }
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        SecurityPipeline.Use(app, security, SecurityPipeline.AllowedHosts(security, urls));
        app.MapOpenApi();
        var api = SecurityPipeline.Endpoints(app, security);
        OpenApi.ApiDocument.MapReference(api);
        PrometheusMetrics.Map(api);
        QueryEndpoints.Map(api);
        WriteEndpoints.Map(api);
        AdminEndpoints.Map(api);
        ModelEndpoints.Map(api);
        Web.WebEndpoints.Map(api); // the demo page at /, /pipelines, /users/{id}/profile
        return app;
    }

    /// <summary>The addresses the started <paramref name="app"/> listens on (with the real port when 0 was asked for).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
