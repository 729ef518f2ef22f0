using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Fairness.Fair;

/// <summary>
/// The "fair" ranker plugin: FA*IR ranked group fairness (Zehlike et al. 2017) for one or more protected groups; every
/// prefix of the top k holds at least the minimum number of protected items that a binomial test accepts as fair.
/// </summary>
public sealed class FairRanker : RankerPlugin<FairOptions>
{
    /// <inheritdoc/>
    public override string Name => "fair";

    /// <inheritdoc/>
    public override string Description => "FA*IR: every prefix of the top k holds the minimum protected items of a binomial test (multi-group, adjusted alpha).";

    /// <inheritdoc/>
    protected override IRankerStage CreateStage(FairOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate();
        return new FairStage(Name, options, services);
    }
}
