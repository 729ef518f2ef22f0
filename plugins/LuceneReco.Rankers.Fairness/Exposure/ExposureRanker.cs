using System.Collections.Concurrent;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Fairness.Exposure;

/// <summary>
/// The "exposure" ranker plugin: an amortised controller of group exposure (Biega et al. 2018): groups (providers) that have
/// received less attention than their target over past requests get a bounded boost. State persists in the data folder.
/// </summary>
public sealed class ExposureRanker : RankerPlugin<ExposureOptions>
{
    // Stages of one pipeline step are recreated when the configuration changes; they share the step's controller (one per state file).
    private readonly ConcurrentDictionary<string, ExposureController> _controllers = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string Name => "exposure";

    /// <inheritdoc/>
    public override string Description => "Amortised exposure fairness: boosts groups whose past exposure fell short of their target (equal or relevance-proportional).";

    /// <summary>
    /// The state file's name: <see cref="ExposureOptions.StateName"/> when given, else <c>PIPELINE.STEP</c> from the step the host
    /// names (characters other than letters, digits, '-' and '_' as '_'), else "exposure".
    /// </summary>
    internal static string StateFileName(ExposureOptions options, IRankerServices services)
    {
        if (options.StateName is { } given) return given;
        if (services.PipelineName is not { Length: > 0 } pipeline || services.StepName is not { Length: > 0 } step) return "exposure";
        return Plain(pipeline) + "." + Plain(step);
    }

    private static string Plain(string name) => string.Create(name.Length, name, static (span, text) =>
    {
        for (int i = 0; i < text.Length; i++) span[i] = char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '_' ? text[i] : '_';
    });

    /// <inheritdoc/>
    protected override IRankerStage CreateStage(ExposureOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        options.Validate();
        string path = Path.GetFullPath(Path.Combine(services.DataDirectory, "exposure", StateFileName(options, services) + ".json"));
        ExposureController controller = _controllers.GetOrAdd(path, p => new ExposureController(p, options, services));
        return new ExposureStage(Name, options, services, controller);
    }
}
