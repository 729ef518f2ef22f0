using System.Globalization;
using LuceneReco.Host.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LuceneReco.Host.Http;

/// <summary>
/// The problem responses of the API: a validation problem whose <c>errors</c> name each field and whose <c>detail</c>
/// lists the problems in one line; a plain problem for what the pipeline refuses (an unknown pipeline, a missing item).
/// </summary>
internal static class ApiProblems
{
    /// <summary>Most problems spelled out in <c>detail</c>; the rest are counted.</summary>
    private const int Shown = 10;

    /// <summary>A 400 validation problem for <paramref name="problems"/>, with <paramref name="suffix"/> after the detail.</summary>
    public static ValidationProblem Invalid(IReadOnlyList<JsonInput.Problem> problems, string suffix = "")
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var group in problems.GroupBy(p => p.Field.Length == 0 ? "body" : p.Field, StringComparer.Ordinal))
            errors[group.Key] = group.Select(p => p.Message).ToArray();
        return TypedResults.ValidationProblem(errors, detail: Summarize(problems.Select(p => p.ToString()).ToList()) + suffix,
            title: "The request is not valid");
    }

    /// <summary>The 415 problem of a body that was not sent as JSON (<see cref="JsonBody{T}.Status"/> 415).</summary>
    public static ProblemHttpResult NotJson<T>(JsonBody<T> body) =>
        TypedResults.Problem(body.Problems[0].Message, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");

    /// <summary>What the pipeline refused, as a 400 or 404 problem.</summary>
    public static ProblemHttpResult From(RequestException e) => e.Error == RequestError.NotFound
        ? TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found")
        : TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid");

    /// <summary>A 404 problem saying what is missing.</summary>
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>Up to ten problems joined with "; ", and how many more there were.</summary>
    public static string Summarize(IReadOnlyList<string> problems)
    {
        var text = string.Join("; ", problems.Count <= Shown ? problems : problems.Take(Shown));
        return problems.Count <= Shown ? text : $"{text}; and {(problems.Count - Shown).ToString(CultureInfo.InvariantCulture)} more";
    }

    /// <summary>
    /// A query-string number: null when absent, else a whole number from <paramref name="min"/> to <paramref name="max"/>;
    /// anything else is a problem naming the parameter and the value sent.
    /// </summary>
    public static int? Int(string? raw, string name, int min, int max, List<JsonInput.Problem> problems)
    {
        if (raw is null) return null;
        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max) return value;
        problems.Add(new JsonInput.Problem(name, $"must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString("N0", CultureInfo.InvariantCulture)}, got '{Shorten(raw)}'"));
        return null;
    }

    /// <summary>A query-string flag: absent is false; <c>true</c>, <c>false</c>, <c>1</c>, <c>0</c> or nothing (<c>?explain</c>) are read; anything else is a problem.</summary>
    public static bool Flag(string? raw, string name, List<JsonInput.Problem> problems)
    {
        switch (raw?.Trim().ToLowerInvariant())
        {
            case null: return false;
            case "" or "true" or "1": return true;
            case "false" or "0": return false;
            default:
                problems.Add(new JsonInput.Problem(name, $"must be true or false, got '{Shorten(raw)}'"));
                return false;
        }
    }

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..37] + "...";
}
