using System.Text.Json;

namespace LuceneReco.Host.Http;

/// <summary>One event of <c>POST /events</c>.</summary>
internal sealed class EventBody
{
    /// <summary>Who (required).</summary>
    public string? UserId { get; set; }

    /// <summary>Which item (required).</summary>
    public string? ItemId { get; set; }

    /// <summary>view, click, purchase, rating, ... (default "view").</summary>
    public string? Kind { get; set; }

    /// <summary>Its strength, e.g. a rating (default 1; must be finite).</summary>
    public double? Weight { get; set; }

    /// <summary>When: an ISO 8601 string or Unix seconds (default: now).</summary>
    public JsonElement? Timestamp { get; set; }
}
