using System.Text.Json;
using LuceneReco.Plugins;

namespace LuceneReco.TestPlugins.Throwing;

/// <summary>Test ranker "throws": its stage throws <see cref="InvalidOperationException"/> on every request.</summary>
public sealed class ThrowingRanker : IRankerPlugin
{
    /// <inheritdoc/>
    public string Name => "throws";

    /// <inheritdoc/>
    public Version Version => new(1, 0);

    /// <inheritdoc/>
    public string Description => "Throws on every request (test plugin).";

    /// <inheritdoc/>
    public IRankerStage CreateStage(JsonElement? options, IRankerServices services) => new ThrowingStage();
}
