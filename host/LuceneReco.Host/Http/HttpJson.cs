using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LuceneReco.Host.Pipelines;
using Microsoft.AspNetCore.Http;

namespace LuceneReco.Host.Http;

/// <summary>The JSON conventions of the HTTP API (camelCase, nulls left out) and strict reading of request bodies.</summary>
internal static class HttpJson
{
    /// <summary>How responses are written (also by <c>recommend --json</c>).</summary>
    public static readonly JsonSerializerOptions Write = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>How request bodies are bound: names case-insensitive, unknown properties rejected.</summary>
    public static readonly JsonSerializerOptions Read = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
    };

    /// <summary>Applies the response conventions to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping; // JSON bodies, never embedded in HTML: keep ' and non-ASCII readable
        return options;
    }

    /// <summary>Reads the request body as JSON.</summary>
    /// <exception cref="RequestException">The body is empty or not JSON (400, naming the line and byte).</exception>
    public static async Task<JsonDocument> ReadBodyAsync(HttpRequest request, CancellationToken cancellation)
    {
        try
        {
            return await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { AllowTrailingCommas = true }, cancellation).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw RequestException.BadRequest($"malformed JSON body{Where(e)}: {FirstSentence(e.Message)}");
        }
    }

    /// <summary>Binds <paramref name="element"/> to <typeparamref name="T"/>.</summary>
    /// <exception cref="RequestException">A property has the wrong type or is unknown (400, naming it).</exception>
    public static T Bind<T>(JsonElement element, string what) where T : class
    {
        try
        {
            return element.Deserialize<T>(Read) ?? throw RequestException.BadRequest($"{what} must be a JSON object, got null");
        }
        catch (JsonException e)
        {
            var path = e.Path is { Length: > 2 } p ? p[2..] : null;
            throw RequestException.BadRequest($"{what}: {Describe(e, path)}");
        }
    }

    /// <summary>A binding failure in the caller's words: which property, and what it should have been.</summary>
    private static string Describe(JsonException e, string? path)
    {
        var message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            int start = message.IndexOf('\'') + 1, end = start > 0 ? message.IndexOf('\'', start) : -1;
            return end > start ? $"unknown property '{message[start..end]}'" : FirstSentence(message);
        }
        if (path is not null && message.Contains("could not be converted to", StringComparison.Ordinal))
            return $"{path} must be {Expected(message)}";
        return path is null ? FirstSentence(message) : $"{path}: {FirstSentence(message)}";
    }

    private static string Expected(string message) =>
        message.Contains("Dictionary", StringComparison.Ordinal) ? "an object"
        : message.Contains("List`1[System.String]", StringComparison.Ordinal) ? "an array of strings"
        : message.Contains("System.Int32", StringComparison.Ordinal) ? "a whole number"
        : message.Contains("System.Double", StringComparison.Ordinal) ? "a number"
        : message.Contains("System.Boolean", StringComparison.Ordinal) ? "true or false"
        : message.Contains("System.String", StringComparison.Ordinal) ? "a string"
        : "a value of another type";

    private static string Where(JsonException e) =>
        e.LineNumber is long line && e.BytePositionInLine is long b
            ? $" at line {(line + 1).ToString(CultureInfo.InvariantCulture)}, byte {(b + 1).ToString(CultureInfo.InvariantCulture)}"
            : "";

    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber:" })
        {
            int cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0) message = message[..cut];
        }
        return message.TrimEnd();
    }
}
