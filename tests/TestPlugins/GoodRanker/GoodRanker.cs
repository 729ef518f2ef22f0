using System.Text.Json;
using LuceneReco.Plugins;

namespace LuceneReco.TestPlugins.Good;

/// <summary>
/// Test ranker "good": adds 1.0 to every score and explains "good v1"; built as GoodRankerV2 it is
/// version 2.0, adds 2.0 and explains "good v2". Implements the interface directly (no options).
/// </summary>
public sealed class GoodRanker : IRankerPlugin
{
#if GOOD_V2
    internal const double Delta = 2.0;
    internal const string Label = "good v2";
#else
    internal const double Delta = 1.0;
    internal const string Label = "good v1";
#endif

    /// <inheritdoc/>
    public string Name => "good";

    /// <inheritdoc/>
    public Version Version => typeof(GoodRanker).Assembly.GetName().Version ?? new Version(0, 0);

    /// <inheritdoc/>
    public string Description => $"Adds {Delta} to every score (test plugin).";

    /// <inheritdoc/>
    public IRankerStage CreateStage(JsonElement? options, IRankerServices services) => new GoodStage();
}
