using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Options;
using LuceneReco.Rankers.Diversity.Stages;

namespace LuceneReco.Rankers.Diversity;

/// <summary>The "mmr" ranker plugin: reorders the top of the list by maximal marginal relevance (Carbonell &amp; Goldstein 1998).</summary>
public sealed class MmrRanker : RankerPlugin<MmrOptions>
{
    /// <inheritdoc/>
    public override string Name => "mmr";

    /// <inheritdoc/>
    public override string Description => "Maximal marginal relevance: trades relevance against similarity to the items already placed (request option '<name>.lambda').";

    /// <summary>Creates a stage; every bad option is reported in one <see cref="ArgumentException"/>.</summary>
    protected override IRankerStage CreateStage(MmrOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate(Name);
        return new MmrStage(options.Name ?? services.StepName ?? Name, options, services);
    }
}
