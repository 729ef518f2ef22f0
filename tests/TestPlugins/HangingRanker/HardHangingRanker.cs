using LuceneReco.Plugins;

namespace LuceneReco.TestPlugins.Hanging;

/// <summary>
/// Test ranker "hangs-hard": its stage blocks its thread synchronously and ignores cancellation, as a
/// runaway plugin would; the host can only abandon it. Option <c>milliseconds</c> bounds the block so a
/// test process does not keep a thread forever (default: forever).
/// </summary>
public sealed class HardHangingRanker : RankerPlugin<HangingOptions>
{
    /// <inheritdoc/>
    public override string Name => "hangs-hard";

    /// <inheritdoc/>
    public override string Description => "Blocks its thread, ignoring cancellation (test plugin).";

    /// <inheritdoc/>
    protected override IRankerStage CreateStage(HangingOptions options, IRankerServices services) => new HangingStage(hard: true, options.Milliseconds);
}
