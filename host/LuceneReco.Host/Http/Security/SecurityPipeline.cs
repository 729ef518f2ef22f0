using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LuceneReco.Host.Http.Security;

/// <summary>
/// Where <see cref="ServeApp"/> puts the security of a server, in one place: Kestrel's body limit and the rate limiter
/// (<see cref="AddServices"/>), then, in order, <see cref="HostFilter"/>, the rate limiter, <see cref="RequestGate"/>
/// and <see cref="RawRouteValues"/> (<see cref="Use"/>), and <see cref="FieldLimitsFilter"/> on every API endpoint (<see cref="Endpoints"/>).
/// </summary>
internal static class SecurityPipeline
{
    /// <summary>The services and server limits.</summary>
    public static void AddServices(WebApplicationBuilder builder, ServeSecurity security)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(security);
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = security.Limits.MaxBodyBytes);
        builder.Services.AddSingleton(security);
        RateLimiting.Add(builder.Services, security);
    }

    /// <summary>The middleware, after routing (so each knows the endpoint) and before the endpoints.</summary>
    public static void Use(WebApplication app, ServeSecurity security, IReadOnlyList<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<HostFilter>(allowedHosts);
        if (security.Limits.RatePerSecond is not null) app.UseRateLimiter();
        app.UseMiddleware<RequestGate>(security);
        app.UseMiddleware<RawRouteValues>();
    }

    /// <summary>The group the API endpoints are mapped into, with the field limits on each.</summary>
    public static RouteGroupBuilder Endpoints(WebApplication app, ServeSecurity security)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("");
        group.AddEndpointFilterFactory(FieldLimitsFilter.Factory(security.Limits));
        return group;
    }

    /// <summary>The Host names accepted: the loopback names and <see cref="ServeSecurity.AllowedHosts"/>, else the named hosts of <paramref name="urls"/>.</summary>
    public static IReadOnlyList<string> AllowedHosts(ServeSecurity security, string urls)
    {
        ArgumentNullException.ThrowIfNull(security);
        var names = new List<string>(ListenAddresses.LoopbackNames);
        if (security.AllowedHosts is { Count: > 0 } configured) names.AddRange(configured);
        else if (ListenAddresses.Parse(urls, out _) is { } addresses) names.AddRange(addresses.Hosts);
        return names;
    }
}
