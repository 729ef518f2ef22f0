using System.Text.Json;

namespace LuceneReco.Host.Http;

/// <summary>The body of <c>POST /recommend</c>.</summary>
internal sealed class RecommendBody
{
    /// <summary>The user (required): their events make the profile, and items they interacted with are left out.</summary>
    public string? UserId { get; set; }

    /// <summary>Recent item ids, newest first, instead of the user's stored history.</summary>
    public List<string>? RecentItems { get; set; }

    /// <summary>Optional keyword query text (for pipelines with a search source).</summary>
    public string? Query { get; set; }

    /// <summary>Optional filters, <c>field=value</c> or <c>field=min..max</c>.</summary>
    public List<string>? Filters { get; set; }

    /// <summary>How many results (1 to 1000; default 10).</summary>
    public int? K { get; set; }

    /// <summary>The pipeline (default: the configured default).</summary>
    public string? Pipeline { get; set; }

    /// <summary>Per-request options for stages: strings, numbers or booleans.</summary>
    public Dictionary<string, JsonElement>? Options { get; set; }

    /// <summary>Return per-stage scores and explanation lines.</summary>
    public bool? Explain { get; set; }

    /// <summary>Skip this many results of the ranking (0 to 999; default 0); offset + k is at most 1000.</summary>
    public int? Offset { get; set; }

    /// <summary><c>*</c> to start a paged list, or the <c>next</c> of the previous page (then only <c>k</c> is read).</summary>
    public string? Cursor { get; set; }
}
