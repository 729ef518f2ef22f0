using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Fairness.Calibration;

/// <summary>
/// The "calibration" ranker plugin (Steck 2018): reorders the top k so the list's category mix stays close to the mix of
/// the user's history, trading relevance against <c>KL(p || q~)</c>.
/// </summary>
public sealed class CalibrationRanker : RankerPlugin<CalibrationOptions>
{
    /// <inheritdoc/>
    public override string Name => "calibration";

    /// <inheritdoc/>
    public override string Description => "Calibrated recommendations: the list's category mix follows the user's history (greedy relevance minus KL divergence).";

    /// <inheritdoc/>
    protected override IRankerStage CreateStage(CalibrationOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate();
        return new CalibrationStage(services.StepName ?? Name, options, services);
    }
}
