namespace LuceneReco.Host.Pipelines;

/// <summary>One recall source of a pipeline: which source, how many candidates it contributes, and its weight in fusion.</summary>
internal sealed record RecallStep
{
    /// <summary>The largest <see cref="Size"/> a step may ask for.</summary>
    public const int MaxSize = 10_000;

    /// <summary>The source name: <c>search</c>, <c>similar</c>, <c>profile</c>, <c>itemknn</c> or <c>als</c> (see <see cref="RecallSources"/>).</summary>
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

    /// <summary>Collaborative sources: the model folder, absolute or relative to the serving data root. <value>The default is <c>null</c>: the pipeline's <see cref="PipelineDefinition.Models"/>.</value></summary>
    public string? Models { get; init; }

    /// <summary>Adds every problem of this step to <paramref name="errors"/>, each prefixed with <paramref name="where"/>.</summary>
    public void Validate(string where, List<string> errors)
    {
        if (!RecallSources.IsKnown(Source))
            errors.Add($"{where}: unknown source '{Source}' (known: {string.Join(", ", RecallSources.Names)})");
        if (Size is < 1 or > MaxSize) errors.Add($"{where}: size must be 1 to {MaxSize:N0}, got {Size}");
        if (!double.IsFinite(Weight) || Weight <= 0) errors.Add($"{where}: weight must be a positive number, got {Weight.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (MinTermFreq < 0) errors.Add($"{where}: minTermFreq must be >= 0, got {MinTermFreq}");
        if (MinDocFreq < 0) errors.Add($"{where}: minDocFreq must be >= 0, got {MinDocFreq}");
        if (Models is { } m && string.IsNullOrWhiteSpace(m)) errors.Add($"{where}: models, when given, must name a folder");
        if (Models is not null && !RecallSources.IsCollaborative(Source)) errors.Add($"{where}: models applies only to the collaborative sources (itemknn, als), not '{Source}'");
        if (MaxQueryTerms is < 1 or > 1024) errors.Add($"{where}: maxQueryTerms must be 1 to 1024, got {MaxQueryTerms}");
    }
}
