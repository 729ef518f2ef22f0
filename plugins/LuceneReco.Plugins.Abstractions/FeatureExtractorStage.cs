namespace LuceneReco.Plugins;

/// <summary>
/// A stage that runs feature extractors over the candidates and changes nothing else (no score, no order), so a plugin
/// that adds features returns one of these from <see cref="IRankerPlugin.CreateStage"/> and is listed before the learned
/// stage (and before the end of the pipeline, where the feature log reads them). Extractors run in the order given; a
/// later one may read an earlier one's features.
/// </summary>
public sealed class FeatureExtractorStage : IRankerStage
{
    private readonly IFeatureExtractor[] _extractors;
    private readonly IRankerServices _services;

    /// <summary>Creates the stage over <paramref name="extractors"/>.</summary>
    public FeatureExtractorStage(IEnumerable<IFeatureExtractor> extractors, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(extractors);
        _extractors = [.. extractors];
        _services = services ?? throw new ArgumentNullException(nameof(services));
    }

    /// <summary>The extractors, in the order they run.</summary>
    public IReadOnlyList<IFeatureExtractor> Extractors => _extractors;

    /// <inheritdoc/>
    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var context = new FeatureContext(request, _services);
        foreach (var extractor in _extractors)
        {
            cancellation.ThrowIfCancellationRequested();
            extractor.Extract(context, candidates);
        }
        return ValueTask.CompletedTask;
    }
}
