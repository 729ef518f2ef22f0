namespace LuceneReco.Host.Http;

/// <summary>One result: the item's id, final score and stored fields; with <c>explain</c>, its per-stage scores and explanation lines.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Score">The final score (the order is the last stage's).</param>
/// <param name="Fields">Stored fields: a string, an array of strings, or a number.</param>
/// <param name="StageScores">The score each recall source and stage gave (explain only).</param>
/// <param name="Explanation">Why the item is here, one line per source or stage (explain only).</param>
internal sealed record ResultItem(
    string Id,
    double Score,
    Dictionary<string, object> Fields,
    IReadOnlyDictionary<string, double>? StageScores,
    IReadOnlyList<string>? Explanation);
