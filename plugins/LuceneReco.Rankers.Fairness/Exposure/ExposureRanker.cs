using System.Collections.Concurrent;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Fairness.Exposure;

/// <summary>
/// The "exposure" ranker plugin: an amortised controller of group exposure (Biega et al. 2018): groups (providers) that have
/// received less attention than their target over past requests get a bounded boost. State persists in the data folder.
/// </summary>
public sealed class ExposureRanker : RankerPlugin<ExposureOptions>
{
    // Stages of one pipeline step are recreated when the configuration changes; they share the step's controller.
    private readonly ConcurrentDictionary<string, ExposureController> _controllers = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string Name => "exposure";

    /// <inheritdoc/>
    public override string Description => "Amortised exposure fairness: boosts groups whose past exposure fell short of their target (equal or relevance-proportional).";

    /// <inheritdoc/>
    protected override IRankerStage CreateStage(ExposureOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate();
        string path = Path.GetFullPath(Path.Combine(services.DataDirectory, "exposure", options.StateName + ".json"));
        ExposureController controller = _controllers.GetOrAdd(path, p => new ExposureController(p, options, services));
        return new ExposureStage(Name, options, services, controller);
    }
}
