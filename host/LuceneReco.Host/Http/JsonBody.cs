using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace LuceneReco.Host.Http;

/// <summary>
/// A JSON request body bound by the framework (<see cref="IBindableFromHttpContext{TSelf}"/>) without exceptions: either
/// the body as a <typeparamref name="T"/> (a request record, or <see cref="JsonElement"/> for bodies the endpoint reads
/// element by element), or the problems that stop it, each naming its field, for a validation problem response.
/// </summary>
internal sealed class JsonBody<T> : IBindableFromHttpContext<JsonBody<T>>
{
    private JsonBody(T? value, IReadOnlyList<JsonInput.Problem> problems, int status)
    {
        Value = value;
        Problems = problems;
        Status = status;
    }

    /// <summary>The bound body when <see cref="Problems"/> is empty.</summary>
    public T? Value { get; }

    /// <summary>What is wrong with the body; empty when it bound.</summary>
    public IReadOnlyList<JsonInput.Problem> Problems { get; }

    /// <summary>The status of the problem response: 400, or 415 for a body that is not sent as JSON.</summary>
    public int Status { get; }

    /// <summary>Whether the body bound.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <inheritdoc />
    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!request.HasJsonContentType())
            return Fail(new JsonInput.Problem("", "send the body as JSON with the header Content-Type: application/json"), StatusCodes.Status415UnsupportedMediaType);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        using var document = JsonInput.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), out var problem);
        if (document is null) return Fail(problem!.Value, StatusCodes.Status400BadRequest);
        var root = document.RootElement;
        if (typeof(T) == typeof(JsonElement)) return new JsonBody<T>((T)(object)root.Clone(), [], 200);
        var problems = new List<JsonInput.Problem>();
        JsonShape.Check<T>(root, "", problems);
        if (problems.Count > 0) return new JsonBody<T>(default, problems, StatusCodes.Status400BadRequest);
        return new JsonBody<T>(root.Deserialize<T>(HttpJson.Read), [], 200); // checked: every field known and of its type
    }

    private static JsonBody<T> Fail(JsonInput.Problem problem, int status) => new(default, [problem], status);
}
