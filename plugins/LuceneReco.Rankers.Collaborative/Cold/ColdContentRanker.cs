using System.Text.Json;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Collaborative.Cold;

/// <summary>The "coldcontent" ranker plugin: items no collaborative model knows compete by their calibrated content score (see <see cref="ColdContentStage"/>).</summary>
public sealed class ColdContentRanker : IRankerPlugin
{
    /// <inheritdoc/>
    public string Name => "coldcontent";

    /// <inheritdoc/>
    public Version Version => GetType().Assembly.GetName().Version ?? new Version(1, 0);

    /// <inheritdoc/>
    public string Description => "New items the collaborative models do not know compete by their content score, calibrated against the collaborative scores, with a tuned weight.";

    /// <summary>A stage from the step's options; every bad value is reported in one <see cref="ArgumentException"/>.</summary>
    public IRankerStage CreateStage(JsonElement? options, IRankerServices services)
    {
        var bound = OptionsBinder.Bind<ColdContentOptions>(options, Name);
        if (bound.Validate() is { Count: > 0 } errors) throw new ArgumentException($"Options of ranker '{Name}' are invalid: {string.Join("; ", errors)}", nameof(options));
        return new ColdContentStage(Name, bound);
    }
}
