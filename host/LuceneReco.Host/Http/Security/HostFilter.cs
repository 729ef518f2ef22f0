using Microsoft.AspNetCore.Http;

namespace LuceneReco.Host.Http.Security;

/// <summary>
/// Refuses requests whose Host header is not a name the server answers to (a page on another site that re-points its
/// own name at 127.0.0.1, DNS rebinding, sends its own name): 421. A state-changing request whose <c>Origin</c> is another
/// site (a cross-site form or fetch) is refused with 403.
/// </summary>
internal sealed class HostFilter(RequestDelegate next, IReadOnlyList<string> allowed)
{
    private readonly bool _any = allowed.Contains("*");
    private readonly HashSet<string> _names = new(allowed, StringComparer.OrdinalIgnoreCase);

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host.Host.Trim('[', ']');
        if (!IsAllowed(host))
            return SecurityProblems.Write(context, StatusCodes.Status421MisdirectedRequest, "Host not allowed",
                host.Length == 0
                    ? "send a Host header naming this server"
                    : $"this server does not answer to the host name '{Shorten(host)}' (allowed: {string.Join(", ", _names.Order(StringComparer.Ordinal))}; serve --allowed-hosts adds names)");
        if (!EndpointAccess.IsSafe(context.Request.Method) && CrossSite(context.Request))
            return SecurityProblems.Write(context, StatusCodes.Status403Forbidden, "Cross-site request",
                "a request from a page of another site cannot change this server");
        return next(context);
    }

    private bool IsAllowed(string host) => host.Length > 0 && (_any || _names.Contains(host));

    private bool CrossSite(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase)) return true;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return false;
        if (origin == "null") return true; // a sandboxed page or a file
        return !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !IsAllowed(uri.Host.Trim('[', ']'));
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
