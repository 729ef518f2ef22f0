namespace LuceneReco.Rankers.Collaborative.Data;

/// <summary>An item with a model's score.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Score">The score (higher is better).</param>
public readonly record struct ScoredItem(string ItemId, double Score);
