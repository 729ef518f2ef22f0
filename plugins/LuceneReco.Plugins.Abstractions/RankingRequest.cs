namespace LuceneReco.Plugins;

/// <summary>What a pipeline is asked for.</summary>
/// <param name="UserId">The user, when known.</param>
/// <param name="QueryText">The search text, when the request is a search.</param>
/// <param name="RecentItems">The user's recent item ids, newest first.</param>
/// <param name="K">How many results the caller wants.</param>
/// <param name="Options">Per-request options (string pairs) a stage may read, e.g. "favouriteCategory".</param>
public sealed record RankingRequest(
    string? UserId,
    string? QueryText,
    IReadOnlyList<string> RecentItems,
    int K,
    IReadOnlyDictionary<string, string> Options);
