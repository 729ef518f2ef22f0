namespace LuceneReco.Rankers.Collaborative.Data;

/// <summary>A model's score for one candidate and the history items that contributed most to it.</summary>
/// <param name="Known">Whether the model knows the candidate (when not, <see cref="Score"/> is 0 and means nothing).</param>
/// <param name="Score">The score.</param>
/// <param name="Contributions">The largest contributions, largest first: history item and its share of the score.</param>
public sealed record ExplainedScore(bool Known, double Score, IReadOnlyList<ScoredItem> Contributions);
