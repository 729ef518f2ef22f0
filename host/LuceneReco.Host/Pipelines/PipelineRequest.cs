namespace LuceneReco.Host.Pipelines;

/// <summary>One request to run a pipeline.</summary>
internal sealed record PipelineRequest
{
    /// <summary>The largest k a request may ask for.</summary>
    public const int MaxK = 1000;

    /// <summary>What the request is for. <value>The default is <see cref="RequestKind.Recommend"/>.</value></summary>
    public RequestKind Kind { get; init; } = RequestKind.Recommend;

    /// <summary>The user, when known: their history (from the interaction store) makes the profile and the exclusions. <value>The default is <c>null</c>.</value></summary>
    public string? UserId { get; init; }

    /// <summary>Keyword query text for the <c>search</c> source. <value>The default is <c>null</c>.</value></summary>
    public string? QueryText { get; init; }

    /// <summary>Filters, <c>field=value</c> or <c>field=min..max</c>, applied to every source. <value>The default is none.</value></summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>The item the <c>similar</c> source starts from. <value>The default is <c>null</c>.</value></summary>
    public string? ItemId { get; init; }

    /// <summary>The user's recent item ids, newest first; when null they come from the interaction store. <value>The default is <c>null</c>.</value></summary>
    public IReadOnlyList<string>? RecentItems { get; init; }

    /// <summary>How many results. <value>The default is 10.</value></summary>
    public int K { get; init; } = 10;

    /// <summary>The pipeline to run. <value>The default is <c>null</c>: the configured default pipeline.</value></summary>
    public string? Pipeline { get; init; }

    /// <summary>Per-request options stages may read. <value>The default is none.</value></summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Items to leave out besides the user's history (which a recommendation reads only to <see cref="PipelineRunner.HistoryDepth"/>
    /// events), e.g. everything an offline run knows the user has. <value>The default is none.</value>
    /// </summary>
    public IReadOnlyCollection<string> Exclude { get; init; } = [];

    /// <summary>Whether recall sources write explanation lines (stages may write theirs regardless). <value>The default is <c>false</c>.</value></summary>
    public bool Explain { get; init; }

    /// <summary>
    /// An offline run (eval, recommend-batch, a benchmark) or shadow scoring: stateful stages score as usual but keep their
    /// state (<see cref="LuceneReco.Plugins.RankingRequest.Offline"/>). <value>The default is <c>false</c>.</value>
    /// </summary>
    public bool Offline { get; init; }

    /// <summary>
    /// A shadow run (docs/experiments.md), always <see cref="Offline"/> too: its stages' faults are not reported against the
    /// plugins (a failing shadow must not quarantine what serves), its stage times stay out of the served stages' metrics, and
    /// it is never remembered by the user cache. <value>The default is <c>false</c>.</value>
    /// </summary>
    public bool Shadow { get; init; }
}
