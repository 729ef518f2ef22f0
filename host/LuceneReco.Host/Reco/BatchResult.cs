using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Host.Reco;

/// <summary>What a <see cref="BatchRecommender"/> run produced.</summary>
/// <param name="Lists">Each user's items, best first, aligned with the users asked for.</param>
/// <param name="Training">What was trained, or null when the pipeline needs no model.</param>
/// <param name="Skipped">Skipped stages and recall sources ("stage: reason") with how many requests skipped them.</param>
/// <param name="Took">Time spent recommending (after training).</param>
internal sealed record BatchResult(IReadOnlyList<IReadOnlyList<string>> Lists, TrainingReport? Training, IReadOnlyDictionary<string, int> Skipped, TimeSpan Took);
