using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Options;
using LuceneReco.Rankers.Diversity.Stages;

namespace LuceneReco.Rankers.Diversity;

/// <summary>The "dpp" ranker plugin: reorders the top of the list by greedy DPP MAP inference (Chen, Zhang &amp; Zhou 2018).</summary>
public sealed class DppRanker : RankerPlugin<DppOptions>
{
    /// <inheritdoc/>
    public override string Name => "dpp";

    /// <inheritdoc/>
    public override string Description => "Determinantal point process, greedy MAP with an incremental Cholesky factor: a relevant and mutually dissimilar top of the list (request option '<name>.theta').";

    /// <summary>Creates a stage; every bad option is reported in one <see cref="ArgumentException"/>.</summary>
    protected override IRankerStage CreateStage(DppOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate(Name);
        return new DppStage(options.Name ?? services.StepName ?? Name, options, services);
    }
}
