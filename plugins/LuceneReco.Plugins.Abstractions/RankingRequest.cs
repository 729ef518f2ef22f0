namespace LuceneReco.Plugins;

/// <summary>What a pipeline is asked for.</summary>
/// <param name="UserId">The user, when known.</param>
/// <param name="QueryText">The search text, when the request is a search.</param>
/// <param name="RecentItems">The user's recent item ids, newest first.</param>
/// <param name="K">How many results the caller wants.</param>
/// <param name="Options">Per-request options (string pairs) a stage may read, e.g. "favouriteCategory" or "mmr.lambda".</param>
public sealed record RankingRequest(
    string? UserId,
    string? QueryText,
    IReadOnlyList<string> RecentItems,
    int K,
    IReadOnlyDictionary<string, string> Options)
{
    /// <summary>
    /// The item catalogue as of this request's point-in-time view (the view recall searched). Stages should read
    /// items through it rather than through <see cref="IRankerServices.Items"/>, which is the newest view.
    /// <value>The default is <c>null</c> (use <see cref="IRankerServices.Items"/>).</value>
    /// </summary>
    public IItemCatalog? Items { get; init; }

    /// <summary>
    /// Whether the caller asked for explanations (<c>explain=true</c>). Stages always write the explanation lines of the
    /// items they move or score, but may skip costly detail (debug arithmetic, contributions of every candidate) when false.
    /// <value>The default is <c>false</c>.</value>
    /// </summary>
    public bool Explain { get; init; }

    /// <summary>
    /// The user's events behind <see cref="RecentItems"/>, newest first, with their kinds ("rating", "play"), so a stage can
    /// say "because you rated ...". <value>The default is empty.</value>
    /// </summary>
    public IReadOnlyList<Interaction> History { get; init; } = [];

    /// <summary>
    /// True for offline runs (<c>eval</c>, <c>recommend-batch</c>, benchmarks) and shadow scoring: a stateful stage
    /// (an exposure controller, an interleaving counter) must score as usual but must not change its state.
    /// <value>The default is <c>false</c>.</value>
    /// </summary>
    public bool Offline { get; init; }

    /// <summary>
    /// The model versions this request has pinned (<see cref="RequestModels"/>): a stage that serves a versioned model pins it
    /// here, so it scores with the version the request's recall used, and records what it served.
    /// <value>The default is <c>null</c> (no pinning: resolve the alias now).</value>
    /// </summary>
    public RequestModels? Models { get; init; }
}
