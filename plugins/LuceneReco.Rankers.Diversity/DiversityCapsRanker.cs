using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Options;
using LuceneReco.Rankers.Diversity.Stages;

namespace LuceneReco.Rankers.Diversity;

/// <summary>The "diversity-caps" ranker plugin: per-attribute caps ("at most 3 from one provider in the top 10") and minimum coverage ("at least 2 categories in the top 5").</summary>
public sealed class DiversityCapsRanker : RankerPlugin<DiversityCapsOptions>
{
    /// <inheritdoc/>
    public override string Name => "diversity-caps";

    /// <inheritdoc/>
    public override string Description => "Caps items per attribute value and ensures a minimum number of values near the top, moving as little as it can (request options '<name>.cap.<field>', '<name>.coverage.<field>').";

    /// <summary>Creates a stage; every bad option is reported in one <see cref="ArgumentException"/>.</summary>
    protected override IRankerStage CreateStage(DiversityCapsOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate(Name);
        return new DiversityCapsStage(options.Name ?? services.StepName ?? Name, options, services);
    }
}
