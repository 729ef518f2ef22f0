namespace LuceneReco.Host.Pipelines;

/// <summary>
/// A request cannot be served as asked (bad k, unknown pipeline, unknown item, malformed query). The
/// message is one self-explanatory line: HTTP turns it into a ProblemDetails response with
/// <see cref="StatusCode"/> (400 or 404), the CLI into exit code 2.
/// </summary>
internal sealed class RequestException(int statusCode, string message) : Exception(message)
{
    /// <summary>400 for bad input, 404 for a missing item.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>Bad input (HTTP 400).</summary>
    public static RequestException BadRequest(string message) => new(400, message);

    /// <summary>Something named does not exist (HTTP 404).</summary>
    public static RequestException NotFound(string message) => new(404, message);
}
