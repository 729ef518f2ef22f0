using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace LuceneReco.Host.Http.Security;

/// <summary>
/// What a request must pass before its endpoint runs: the API key (write and admin endpoints when the server has a key,
/// every endpoint but <c>/health</c> with key reads on): 401; a body that is JSON on a state-changing request: 415;
/// a body within <see cref="RequestLimits.MaxBodyBytes"/>: 413 (also when a chunked body runs over while being read).
/// </summary>
internal sealed class RequestGate(RequestDelegate next, ServeSecurity security)
{
    private readonly RequestLimits _limits = security.Limits;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        bool write = EndpointAccess.IsWrite(context);
        if (security.Key is { } key && (write || (security.KeyReads && !EndpointAccess.IsOpen(context))) && !Presents(request, key))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await SecurityProblems.Write(context, StatusCodes.Status401Unauthorized, "API key required",
                "this endpoint needs the server's API key: send the header Authorization: Bearer KEY (or X-Api-Key: KEY)").ConfigureAwait(false);
            return;
        }
        if (!EndpointAccess.IsSafe(request.Method) && request.ContentType is { Length: > 0 } && !request.HasJsonContentType())
        {
            await SecurityProblems.Write(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "send the body as JSON with the header Content-Type: application/json").ConfigureAwait(false);
            return;
        }
        if (request.ContentLength is long length && length > _limits.MaxBodyBytes)
        {
            await TooLarge(context, length).ConfigureAwait(false);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = _limits.MaxBodyBytes;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLarge(context, null).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the request carries one of the keys in <c>Authorization: Bearer</c> or <c>X-Api-Key</c>.</summary>
    public static bool Presents(HttpRequest request, ApiKey key) => PresentedKey(request, key) >= 0;

    /// <summary>Which of the keys the request carries (<see cref="ApiKey.Which"/>), or -1.</summary>
    public static int PresentedKey(HttpRequest request, ApiKey key)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && key.Which(authorization.AsSpan(7)) is >= 0 and var bearer) return bearer;
        return request.Headers.TryGetValue("X-Api-Key", out var header) && header.Count == 1 ? key.Which(header.ToString()) : -1;
    }

    private Task TooLarge(HttpContext context, long? length) => SecurityProblems.Write(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
        (length is long l ? $"the body is {l.ToString("N0", CultureInfo.InvariantCulture)} bytes; " : "the body is too large; ")
        + $"the limit maxBodyBytes is {_limits.MaxBodyBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes (nothing was written)",
        limit: "maxBodyBytes", field: "body");
}
