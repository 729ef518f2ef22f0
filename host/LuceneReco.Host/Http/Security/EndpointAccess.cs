using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LuceneReco.Host.Http.Security;

/// <summary>
/// Which endpoints change state: every method but GET, HEAD and OPTIONS, except the reads sent as POST
/// (<c>POST /recommend</c>). Those need the key whenever the server has one; the reads need it only with key reads on.
/// </summary>
internal static class EndpointAccess
{
    /// <summary>Endpoint names that are reads although their method is POST.</summary>
    private static readonly HashSet<string> PostReads = new(StringComparer.Ordinal) { "Recommend" };

    /// <summary>Paths any client may read even with key reads on (liveness probes).</summary>
    private static readonly HashSet<string> Open = new(StringComparer.OrdinalIgnoreCase) { "/health" };

    /// <summary>Whether <paramref name="method"/> is one that never changes state.</summary>
    public static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>Whether the request's endpoint changes state (writes and admin: items, events, erase, reload).</summary>
    public static bool IsWrite(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsSafe(context.Request.Method)) return false;
        var name = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        return name is null || !PostReads.Contains(name);
    }

    /// <summary>Whether the path is readable without a key even when reads are keyed.</summary>
    public static bool IsOpen(HttpContext context) => Open.Contains(context.Request.Path.Value ?? "");

    /// <summary>The route template of the request's endpoint (<c>/items/{id}</c>), never the values; "unmatched" without one.</summary>
    public static string Route(HttpContext context) => // the exception handler clears the endpoint and keeps it in its feature
        (context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint) is RouteEndpoint e ? e.RoutePattern.RawText ?? "unmatched" : "unmatched";
}
