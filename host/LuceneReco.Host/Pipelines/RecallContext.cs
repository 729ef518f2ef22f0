using LuceneReco.Index;
using LuceneReco.Index.Search;

namespace LuceneReco.Host.Pipelines;

/// <summary>What the recall sources of one request work from, resolved once by the runner.</summary>
internal sealed class RecallContext
{
    /// <summary>The point-in-time view every source of the request searches.</summary>
    public required IndexReader Reader { get; init; }

    /// <summary>The parsed keyword query including filters, or null when the request has no query text.</summary>
    public Query? Query { get; init; }

    /// <summary>The filter clauses alone (applied to "more like this" sources too).</summary>
    public IReadOnlyList<Query> Filters { get; init; } = [];

    /// <summary>The item "similar" starts from, or -1.</summary>
    public int ItemDoc { get; init; } = -1;

    /// <summary>The user's profile: live recent items, newest first, with their interaction weights.</summary>
    public IReadOnlyList<ProfileItem> Profile { get; init; } = [];

    /// <summary>The user's interactions, newest first (the request's recent items as weight-1 events when it gives them); what the collaborative sources score from.</summary>
    public IReadOnlyList<LuceneReco.Plugins.Interaction> History { get; init; } = [];

    /// <summary>The trained models the collaborative sources read. <value>The default is <c>null</c>: those sources contribute nothing.</value></summary>
    public LuceneReco.Host.Reco.CollaborativeModelCache? Models { get; init; }

    /// <summary>The pipeline's model folder (<see cref="PipelineDefinition.Models"/>), unresolved.</summary>
    public string PipelineModels { get; init; } = "models";

    /// <summary>Docs to leave out (items the user already interacted with, for recommendations).</summary>
    public IReadOnlySet<int> Excluded { get; init; } = new HashSet<int>();

    /// <summary>Whether to write explanation lines (matched terms, profile items).</summary>
    public bool Explain { get; init; }
}
