using System.Text.Json;

namespace LuceneReco.Host.Tests.Security;

/// <summary>Asserts ProblemDetails responses.</summary>
internal static class ProblemAssert
{
    /// <summary>Asserts a problem with <paramref name="status"/> and returns its whole body (detail, errors, extensions).</summary>
    public static async Task<JsonElement> Is(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", body);
        return problem;
    }

    /// <summary>The problem's detail.</summary>
    public static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;
}
