namespace LuceneReco.Host.Pipelines;

/// <summary>What was wrong with a request the engine refused.</summary>
internal enum RequestError
{
    /// <summary>The request itself is malformed or out of range (a bad k, an unknown pipeline, a malformed query or filter).</summary>
    Invalid,

    /// <summary>The request names something that does not exist (an unknown item).</summary>
    NotFound,
}

/// <summary>
/// A request the engine refuses, with one line saying why. The edges translate <see cref="Error"/>: the HTTP API into a
/// problem response (400 or 404), the CLI into exit code 2.
/// </summary>
internal sealed class RequestException(RequestError error, string message) : Exception(message)
{
    /// <summary>What kind of problem it is.</summary>
    public RequestError Error { get; } = error;

    /// <summary>A malformed or out-of-range request.</summary>
    public static RequestException BadRequest(string message) => new(RequestError.Invalid, message);

    /// <summary>A request naming something that does not exist.</summary>
    public static RequestException NotFound(string message) => new(RequestError.NotFound, message);
}
