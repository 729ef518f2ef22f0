using System.Globalization;

namespace LuceneReco.Host.Http.Paging;

/// <summary>
/// The paging limits as <c>serve --limit NAME=VALUE</c> names them (docs/configuration.md): <c>pagingDepth</c>
/// (<see cref="PagingLimits.Depth"/>), <c>pagingTtlSeconds</c> (<see cref="PagingLimits.TimeToLive"/>) and
/// <c>pagingMaxLists</c> (<see cref="PagingLimits.Capacity"/>).
/// </summary>
internal static class PagingLimitOptions
{
    /// <summary>The names, as problems and docs spell them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["pagingDepth", "pagingTtlSeconds", "pagingMaxLists"];

    /// <summary>Whether <paramref name="assignment"/> (<c>NAME=VALUE</c>) names a paging limit.</summary>
    public static bool IsPagingLimit(string assignment) => Names.Contains(NameOf(assignment), StringComparer.OrdinalIgnoreCase);

    /// <summary>Sets the paging limit <c>NAME=VALUE</c> on <paramref name="limits"/>; returns the problem, or null.</summary>
    public static string? Set(ref PagingLimits limits, string assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(limits);
        var name = NameOf(assignment);
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        var raw = eq < 0 ? "" : assignment[(eq + 1)..].Trim();
        var (min, max) = name.ToLowerInvariant() switch
        {
            "pagingdepth" => (1L, (long)Pipelines.PipelineRequest.MaxK),
            "pagingttlseconds" => (1L, 86_400L),
            "pagingmaxlists" => (1L, 1_000_000L),
            _ => throw new ArgumentOutOfRangeException(nameof(assignment), assignment, $"not a paging limit; one of {string.Join(", ", Names)}"),
        };
        if (!long.TryParse(raw.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value < min || value > max)
            return $"--limit {name} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got '{raw}'";
        limits = name.ToLowerInvariant() switch
        {
            "pagingdepth" => limits with { Depth = (int)value },
            "pagingttlseconds" => limits with { TimeToLive = TimeSpan.FromSeconds(value) },
            _ => limits with { Capacity = (int)value },
        };
        return null;
    }

    private static string NameOf(string assignment)
    {
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        return (eq < 0 ? assignment : assignment[..eq]).Trim();
    }
}
