using System.Text.Json;
using System.Text.Json.Serialization;

namespace LuceneReco.Host.Http;

/// <summary>The JSON conventions of the HTTP API: camelCase, nulls left out; request records bound strictly (see <see cref="JsonBody{T}"/>).</summary>
internal static class HttpJson
{
    /// <summary>How responses are written (also by <c>recommend --json</c>).</summary>
    public static readonly JsonSerializerOptions Write = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>How request bodies are bound: names case-insensitive, unknown properties rejected.</summary>
    public static readonly JsonSerializerOptions Read = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(), // JsonShape reads the records' fields from it
    };

    /// <summary>Applies the response conventions to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict; // numbers are written as numbers (and so typed in the OpenAPI document)
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping; // JSON bodies, never embedded in HTML: keep ' and non-ASCII readable
        return options;
    }
}
