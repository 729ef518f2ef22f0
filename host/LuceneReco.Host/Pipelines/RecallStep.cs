using System.Text.Json;

namespace LuceneReco.Host.Pipelines;

/// <summary>One recall source of a pipeline: which source, how many candidates it contributes, and its weight in fusion.</summary>
internal sealed record RecallStep
{
    /// <summary>The largest <see cref="Size"/> a step may ask for.</summary>
    public const int MaxSize = 10_000;

    /// <summary>The source name: a built-in source (<c>search</c>, <c>similar</c>, <c>profile</c>, <c>semantic</c>, <c>semantic-similar</c>, <c>semantic-profile</c>, see <see cref="RecallSources"/>) or a plugin that supplies candidates (e.g. <c>als</c>).</summary>
    public required string Source { get; init; }

    /// <summary>How many candidates the source recalls. <value>The default is 100.</value></summary>
    public int Size { get; init; } = 100;

    /// <summary>The source's weight in fusion (a multiplier of its RRF or normalised score). <value>The default is 1.</value></summary>
    public double Weight { get; init; } = 1;

    /// <summary>MoreLikeThis sources: ignore terms occurring fewer times in the source items. <value>The default is 1 (Lucene's 2 drops nearly every term of a short description).</value></summary>
    public int MinTermFreq { get; init; } = 1;

    /// <summary>MoreLikeThis sources: ignore terms in fewer items. <value>The default is 2.</value></summary>
    public int MinDocFreq { get; init; } = 2;

    /// <summary>MoreLikeThis sources: at most this many query terms. <value>The default is 25.</value></summary>
    public int MaxQueryTerms { get; init; } = 25;

    /// <summary>Plugin sources: the step's "options" object handed to the plugin. <value>The default is <c>null</c> (none).</value></summary>
    public JsonElement? Options { get; init; }

    /// <summary>
    /// The requests the step runs for (<c>search</c>, <c>similar</c>, <c>recommend</c>), e.g. item-kNN neighbours only for
    /// "similar items". <value>The default is <c>null</c>: every request.</value>
    /// </summary>
    public IReadOnlyList<RequestKind>? For { get; init; }

    /// <summary>Whether the step runs for a request of <paramref name="kind"/>.</summary>
    public bool RunsFor(RequestKind kind) => For is null || For.Contains(kind);

    /// <summary>The request kind named <paramref name="name"/> (<c>search</c>, <c>similar</c>, <c>recommend</c>, case-insensitive), or null.</summary>
    public static RequestKind? ParseKind(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "search" => RequestKind.Search,
        "similar" => RequestKind.Similar,
        "recommend" => RequestKind.Recommend,
        _ => null,
    };

    /// <summary><c>newest</c>: the numeric date field that orders items (larger is newer). <value>The default is <c>null</c>: the order the index took the items in.</value></summary>
    public string? Field { get; init; }

    /// <summary>Whether the source is built into the engine (else a plugin supplies it).</summary>
    public bool IsBuiltIn => RecallSources.Find(Source) is not null;

    /// <summary>Adds every problem of this step to <paramref name="errors"/>, each prefixed with <paramref name="where"/>.</summary>
    public void Validate(string where, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Source) || !RecallSources.IsValidName(Source))
            errors.Add($"{where}: source must be a built-in source ({string.Join(", ", RecallSources.Names)}) or a plugin's name (letters, digits, '-', '_' and '.'), got '{Source}'");
        if (Size is < 1 or > MaxSize) errors.Add($"{where}: size must be 1 to {MaxSize:N0}, got {Size}");
        if (!double.IsFinite(Weight) || Weight <= 0) errors.Add($"{where}: weight must be a positive number, got {Weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (MinTermFreq < 0) errors.Add($"{where}: minTermFreq must be >= 0, got {MinTermFreq}");
        if (MinDocFreq < 0) errors.Add($"{where}: minDocFreq must be >= 0, got {MinDocFreq}");
        if (Options is { } o && o.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            errors.Add($"{where}: options must be a JSON object, got {o.ValueKind.ToString().ToLowerInvariant()}");
        if (Options is { ValueKind: JsonValueKind.Object } && IsBuiltIn) errors.Add($"{where}: options apply to plugin sources, not the built-in '{Source}'");
        if (Field is not null && Source != "newest") errors.Add($"{where}: field applies to the 'newest' source only");
        if (For is { Count: 0 }) errors.Add($"{where}: for must name at least one of search, similar, recommend");
        if (MaxQueryTerms is < 1 or > 1024) errors.Add($"{where}: maxQueryTerms must be 1 to 1024, got {MaxQueryTerms}");
    }
}
