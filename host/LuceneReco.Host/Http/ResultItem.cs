using LuceneReco.Plugins;

namespace LuceneReco.Host.Http;

/// <summary>One result: the item's id, final score and stored fields; with <c>explain</c>, why it is there.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Score">The final score (the order is the last stage's).</param>
/// <param name="Fields">Stored fields: a string, an array of strings (a field with several values), or a number.</param>
/// <param name="StageScores">The score each recall source and stage gave (explain only).</param>
/// <param name="Explanation">Why the item is here, in words, one line per reason: <c>source: text</c> (explain only).</param>
/// <param name="Reasons">The same reasons as records: source, kind, text, contribution, items, terms (explain only).</param>
/// <param name="Debug">The arithmetic behind the score, one line per step (explain only).</param>
internal sealed record ResultItem(
    string Id,
    double Score,
    Dictionary<string, object> Fields,
    IReadOnlyDictionary<string, double>? StageScores,
    IReadOnlyList<string>? Explanation,
    IReadOnlyList<Reason>? Reasons,
    IReadOnlyList<string>? Debug)
{
    /// <summary>In an interleaved list (docs/experiments.md), the variant that showed the item: <c>A</c> (control) or <c>B</c> (candidate).</summary>
    public string? Variant { get; init; }
}
