using LuceneReco.Plugins;

namespace LuceneReco.TestPlugins.Hanging;

/// <summary>Test ranker "hangs": its stage awaits until the request's budget is cancelled, then throws <see cref="OperationCanceledException"/>.</summary>
public sealed class HangingRanker : RankerPlugin<HangingOptions>
{
    /// <inheritdoc/>
    public override string Name => "hangs";

    /// <inheritdoc/>
    public override string Description => "Waits until cancelled (test plugin).";

    /// <inheritdoc/>
    protected override IRankerStage CreateStage(HangingOptions options, IRankerServices services) => new HangingStage(hard: false, options.Milliseconds);
}
