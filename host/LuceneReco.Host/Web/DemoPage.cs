using Microsoft.AspNetCore.Http;

namespace LuceneReco.Host.Web;

/// <summary>
/// The demo page's files, embedded in the host assembly (Web/Assets/): served with their content type, no caching, and a
/// content security policy that lets the page load and call nothing but this host.
/// </summary>
internal static class DemoPage
{
    /// <summary>Scripts, styles, images and calls from this host only; no inline script, no frames, no plugins.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
        ["favicon.svg"] = "image/svg+xml",
    };

    private static readonly Dictionary<string, byte[]> Files = Load();

    /// <summary>The file named <paramref name="name"/>, or a 404 problem for any other name.</summary>
    public static IResult Serve(string name)
    {
        if (!Files.TryGetValue(name, out var bytes) || !Types.TryGetValue(name, out var type))
            return Results.Problem($"no demo page file '{name}' (the files are {string.Join(", ", Types.Keys)})", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        return new PageFile(bytes, type);
    }

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = typeof(DemoPage).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string name in Types.Keys)
        {
            using var stream = assembly.GetManifestResourceStream("LuceneReco.Host.Web." + name)
                ?? throw new InvalidOperationException($"the demo page file {name} is not embedded in {assembly.GetName().Name} (see LuceneReco.Host.csproj)");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = copy.ToArray();
        }
        return files;
    }

    /// <summary>One file with the page's headers.</summary>
    private sealed class PageFile(byte[] bytes, string type) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            var headers = context.Response.Headers;
            headers.ContentType = type;
            headers.CacheControl = "no-cache";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            context.Response.ContentLength = bytes.Length;
            return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
        }
    }
}
