using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Features;

/// <summary>
/// The "features" ranker plugin: a stage that writes the built-in features (<see cref="FeatureExtractors"/>) into each
/// candidate's <c>Candidate.Features</c> and changes neither scores nor order. List it before the "learned" stage, and in any
/// pipeline whose served lists are logged for training.
/// </summary>
public sealed class FeatureRanker : RankerPlugin<FeatureOptions>
{
    /// <inheritdoc/>
    public override string Name => "features";

    /// <inheritdoc/>
    public override string Description => "Feature extraction for learning to rank: recall scores, per-field BM25 and TF-IDF, popularity, age, lengths, history overlap, numeric fields, request context and user features; leaves the order as it is.";

    /// <summary>Creates the stage; bad options throw <see cref="ArgumentException"/> listing every problem.</summary>
    protected override IRankerStage CreateStage(FeatureOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        return new FeatureExtractorStage(FeatureExtractors.Create(options), services);
    }
}
