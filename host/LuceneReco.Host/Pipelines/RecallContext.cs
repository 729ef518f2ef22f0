using System.Collections;
using LuceneReco.Index;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Search;

namespace LuceneReco.Host.Pipelines;

/// <summary>What the recall sources of one request work from, resolved once by the runner.</summary>
internal sealed class RecallContext
{
    private BitArray? _filterBits;

    /// <summary>What is remembered of the request's user for this view and history, or null (no user, given recent items, or the cache is off).</summary>
    public UserCacheEntry? UserCache { get; init; }

    /// <summary>The point-in-time view every source of the request searches.</summary>
    public required IRecallView View { get; init; }

    /// <summary>The parsed keyword query including filters, or null when the request has no query text.</summary>
    public Query? Query { get; init; }

    /// <summary>The filter clauses alone (applied to "more like this" sources too).</summary>
    public IReadOnlyList<Query> Filters { get; init; } = [];

    /// <summary>The item "similar" starts from, or -1.</summary>
    public int ItemDoc { get; init; } = -1;

    /// <summary>The user's profile: live recent items, newest first, with their interaction weights.</summary>
    public IReadOnlyList<ProfileItem> Profile { get; init; } = [];

    /// <summary>The user's interactions, newest first (the request's recent items as weight-1 events when it gives them); what plugin sources score from.</summary>
    public IReadOnlyList<LuceneReco.Plugins.Interaction> History { get; init; } = [];

    /// <summary>Docs to leave out (items the user already interacted with, for recommendations).</summary>
    public IReadOnlySet<int> Excluded { get; init; } = new HashSet<int>();

    /// <summary>Whether to write explanation lines (matched terms, profile items).</summary>
    public bool Explain { get; init; }

    /// <summary>The request's query text, or null (what the <c>semantic</c> source encodes).</summary>
    public string? QueryText { get; init; }

    /// <summary>The query encoders of the semantic source, or null when the runner has none.</summary>
    public QueryEncoders? Encoders { get; init; }

    /// <summary>The model versions the request pins, shared by its recall sources and stages (<see cref="LuceneReco.Plugins.RequestModels"/>).</summary>
    public LuceneReco.Plugins.RequestModels Models { get; init; } = new();

    /// <summary>
    /// Whether the request is offline (<c>eval</c>, <c>recommend-batch</c>, <c>tune</c>): vector search then builds a large
    /// segment's graph before its first search instead of scanning while it builds, so the same run gives the same lists.
    /// </summary>
    public bool Offline { get; init; }

    /// <summary>
    /// Whether a plugin source may return <paramref name="itemId"/>: live in <see cref="View"/>, not excluded, and passing every
    /// filter. The filters are evaluated once per request, on first use, into a bit set. Thread-safe.
    /// </summary>
    public bool Accepts(string itemId) => TryAccept(itemId, out _);

    /// <summary><see cref="Accepts"/>, giving the item's doc number in <see cref="View"/> when it is accepted.</summary>
    public bool TryAccept(string itemId, out int doc)
    {
        doc = View.DocOf(itemId);
        return doc >= 0 && AcceptsDoc(doc);
    }

    /// <summary>Whether the live doc <paramref name="doc"/> of <see cref="View"/> is not excluded and passes every filter. Thread-safe.</summary>
    public bool AcceptsDoc(int doc)
    {
        if (Excluded.Contains(doc)) return false;
        if (Filters.Count == 0) return true;
        var bits = LazyInitializer.EnsureInitialized(ref _filterBits, FilterBits);
        return bits[doc];
    }

    private BitArray FilterBits()
    {
        var clauses = new List<BooleanClause>(Filters.Count + 1) { new(new MatchAllQuery(), Occur.Must) };
        foreach (var f in Filters) clauses.Add(new BooleanClause(f, Occur.Filter));
        return View.Matching(new BooleanQuery(clauses));
    }
}
