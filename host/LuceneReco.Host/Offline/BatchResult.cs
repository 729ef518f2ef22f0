using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline;

/// <summary>What a <see cref="BatchRecommender"/> run produced.</summary>
/// <param name="Lists">Each user's items, best first, aligned with the users asked for.</param>
/// <param name="Training">What each trained plugin wrote; empty when the pipeline needs no training.</param>
/// <param name="Skipped">Skipped stages and recall sources ("stage: reason") with how many requests skipped them.</param>
/// <param name="Took">Time spent recommending (after training).</param>
internal sealed record BatchResult(IReadOnlyList<IReadOnlyList<string>> Lists, IReadOnlyList<(string Plugin, TrainingOutcome Outcome)> Training,
    IReadOnlyDictionary<string, int> Skipped, TimeSpan Took)
{
    /// <summary>The baseline pipelines' lists, by name, aligned like <see cref="Lists"/>. <value>The default is none.</value></summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<string>>> Baselines { get; init; } =
        new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>();
}
