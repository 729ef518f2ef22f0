using LuceneReco.Host.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Http.Paging;

/// <summary>
/// A ranked list as its first page saw it, kept so later pages read from it instead of ranking again: the items in order
/// with their scores (and, when the first page asked for explanations, the explanations), and what the run reported.
/// </summary>
/// <param name="Kind">The request kind (a cursor answers only on the endpoint that made it).</param>
/// <param name="Pipeline">The pipeline that ranked the list.</param>
/// <param name="Items">The ranked items, best first.</param>
/// <param name="PageSize">The first page's k, the page size when a later request gives none.</param>
/// <param name="Explain">Whether the items carry explanations.</param>
/// <param name="SkippedStages">What the first run skipped.</param>
/// <param name="Plugins">The plugins (and versions) that ranked the list.</param>
/// <param name="Created">When the first page was ranked.</param>
internal sealed record PagedList(
    RequestKind Kind,
    string Pipeline,
    IReadOnlyList<PagedItem> Items,
    int PageSize,
    bool Explain,
    IReadOnlyList<SkippedStage> SkippedStages,
    IReadOnlyDictionary<string, string> Plugins,
    DateTimeOffset Created)
{
    /// <summary>The experiment whose interleaved list this is (its items name their variant), or null.</summary>
    public string? Experiment { get; init; }

    /// <summary>The id the first page was logged under, or null.</summary>
    public string? RequestId { get; init; }

    /// <summary>The model versions that ranked the list, as the first page said.</summary>
    public IReadOnlyList<ServedModel> Models { get; init; } = [];
}

/// <summary>One kept result: what a response needs besides the item's stored fields (those are read when the page is served).</summary>
internal sealed record PagedItem(
    string Id,
    double Score,
    IReadOnlyDictionary<string, double>? StageScores,
    IReadOnlyList<string>? Explanation,
    IReadOnlyList<Reason>? Reasons,
    IReadOnlyList<string>? Debug)
{
    /// <summary>In an interleaved list, the variant (<c>A</c> or <c>B</c>) that showed the item, as on the first page.</summary>
    public string? Variant { get; init; }

    /// <summary>What is kept of <paramref name="candidate"/>: with <paramref name="explain"/> its scores and reasons, else only id and score.</summary>
    public static PagedItem From(Candidate candidate, bool explain) => explain
        ? new PagedItem(candidate.ItemId, candidate.Score, new SortedDictionary<string, double>(candidate.StageScores, StringComparer.Ordinal),
            candidate.Explanations.ToArray(), candidate.Reasons.ToArray(), candidate.DebugLines.ToArray())
        : new PagedItem(candidate.ItemId, candidate.Score, null, null, null, null);
}
