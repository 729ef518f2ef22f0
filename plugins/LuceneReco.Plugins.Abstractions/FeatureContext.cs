namespace LuceneReco.Plugins;

/// <summary>
/// What an <see cref="IFeatureExtractor"/> is given for one request: the request, the items as of its view, the interactions,
/// index statistics and the time. The user's history is read once, on first use, and shared by every extractor.
/// </summary>
public sealed class FeatureContext
{
    /// <summary>How many of the user's newest events <see cref="History"/> holds.</summary>
    public const int HistoryDepth = 1000;

    private IReadOnlyList<Interaction>? _history;

    /// <summary>Creates the context of <paramref name="request"/> from <paramref name="services"/>.</summary>
    public FeatureContext(RankingRequest request, IRankerServices services)
    {
        Request = request ?? throw new ArgumentNullException(nameof(request));
        ArgumentNullException.ThrowIfNull(services);
        Items = request.Items ?? services.Items;
        Interactions = services.Interactions;
        Now = services.Clock.GetUtcNow();
    }

    /// <summary>The request.</summary>
    public RankingRequest Request { get; }

    /// <summary>The items as of the request's view (<see cref="RankingRequest.Items"/>, else the newest).</summary>
    public IItemCatalog Items { get; }

    /// <summary>The interactions.</summary>
    public IInteractionReader Interactions { get; }

    /// <summary>Field lengths and counts, when the host's catalogue has them; null otherwise.</summary>
    public IFieldStatistics? FieldStatistics => Items as IFieldStatistics;

    /// <summary>The items' dense vectors, when the host's catalogue has them; null otherwise.</summary>
    public IItemVectors? Vectors => Items as IItemVectors;

    /// <summary>The request's time (from <see cref="IRankerServices.Clock"/>).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The user's newest events, newest first (at most <see cref="HistoryDepth"/>); empty without a user.</summary>
    public IReadOnlyList<Interaction> History =>
        _history ??= Request.UserId is { } user ? Interactions.ForUser(user, HistoryDepth) : [];
}
