using System.Globalization;

namespace LuceneReco.Host.Http.Paging;

/// <summary>
/// The bounds of cursor paging (docs/serving.md, "Paging"): how deep a list is ranked for its first page, how long it is
/// kept for the pages after, and how many lists are kept at once.
/// </summary>
internal sealed record PagingLimits
{
    /// <summary>
    /// How many results a paged list holds: the first page (<c>cursor=*</c>) ranks this many (or offset + k, when more)
    /// and keeps them. <value>The default is 200.</value>
    /// </summary>
    public int Depth { get; init; } = 200;

    /// <summary>How long a paged list is kept after its first page. <value>The default is 10 minutes.</value></summary>
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many paged lists are kept at once; the oldest gives way to a new one. <value>The default is 1,000.</value></summary>
    public int Capacity { get; init; } = 1000;

    /// <summary>The defaults.</summary>
    public static PagingLimits Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> listing every limit out of its range.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Depth is < 1 or > Pipelines.PipelineRequest.MaxK)
            problems.Add($"depth must be 1 to {Pipelines.PipelineRequest.MaxK.ToString(CultureInfo.InvariantCulture)}, got {Depth.ToString(CultureInfo.InvariantCulture)}");
        if (TimeToLive <= TimeSpan.Zero || TimeToLive > TimeSpan.FromDays(1))
            problems.Add($"time to live must be more than 0 and at most a day, got {TimeToLive}");
        if (Capacity is < 1 or > 1_000_000)
            problems.Add($"capacity must be 1 to 1,000,000 lists, got {Capacity.ToString(CultureInfo.InvariantCulture)}");
        if (problems.Count > 0) throw new ArgumentException("paging limits: " + string.Join("; ", problems));
    }
}
