namespace LuceneReco.Plugins;

/// <summary>What a <see cref="ICandidateSource"/> is asked for.</summary>
/// <param name="UserId">The user, when known.</param>
/// <param name="History">The user's interactions, newest first (the request's recent items as events when it gives them).</param>
/// <param name="ItemId">The item a "similar items" request starts from, or null.</param>
/// <param name="QueryText">The search text, or null.</param>
/// <param name="Size">How many candidates the step asks for (1 to 10,000).</param>
/// <param name="Accepts">
/// Whether an item may be returned: it is live in the request's view of the index, passes the request's filters and is
/// not excluded (items the user already has, for recommendations). Cheap; call it for every item before returning it.
/// </param>
public sealed record CandidateQuery(
    string? UserId,
    IReadOnlyList<Interaction> History,
    string? ItemId,
    string? QueryText,
    int Size,
    Predicate<string> Accepts)
{
    /// <summary>The item catalogue as of the request's point-in-time view. <value>The default is <c>null</c>.</value></summary>
    public IItemCatalog? Items { get; init; }

    /// <summary>Whether the caller asked for explanations. <value>The default is <c>false</c>.</value></summary>
    public bool Explain { get; init; }

    /// <summary>Per-request options (string pairs). <value>The default is empty.</value></summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The model versions this request has pinned (<see cref="RequestModels"/>), shared with its rerank stages.
    /// <value>The default is <c>null</c> (no pinning: resolve the alias now).</value>
    /// </summary>
    public RequestModels? Models { get; init; }
}
