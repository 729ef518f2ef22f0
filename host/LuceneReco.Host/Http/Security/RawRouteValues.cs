using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace LuceneReco.Host.Http.Security;

/// <summary>
/// Route values read from the raw request target, fully unescaped: ASP.NET Core leaves <c>%2F</c> escaped in the path
/// (and so in <c>{id}</c>), so an id with '/' would arrive as "a%2Fb" and ids holding "%2F" itself could not be told apart.
/// Here each single-parameter segment is taken from the raw target and unescaped, so <c>/items/a%2Fb%20c%25d</c> is
/// the item "a/b c%d". Runs after routing (a '/' inside an escaped segment does not change which endpoint matches).
/// </summary>
internal sealed class RawRouteValues(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is RouteEndpoint endpoint && endpoint.RoutePattern.Parameters.Count > 0
            && context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } raw && raw.StartsWith('/') && raw.Contains('%', StringComparison.Ordinal))
        {
            int query = raw.IndexOf('?', StringComparison.Ordinal);
            var segments = (query < 0 ? raw : raw[..query]).Split('/');
            var pattern = endpoint.RoutePattern.PathSegments;
            if (segments.Length != (context.Request.Path.Value ?? "").Split('/').Length) return next(context); // dot segments were removed: leave the values
            for (int i = 0; i < pattern.Count && i + 1 < segments.Length; i++)
            {
                if (pattern[i].Parts is [RoutePatternParameterPart { IsCatchAll: false } parameter])
                    context.Request.RouteValues[parameter.Name] = Unescape(segments[i + 1]);
            }
        }
        return next(context);
    }

    private static string Unescape(string segment) => Uri.UnescapeDataString(segment); // an invalid escape stays as sent
}
