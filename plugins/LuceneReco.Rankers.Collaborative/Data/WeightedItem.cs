namespace LuceneReco.Rankers.Collaborative.Data;

/// <summary>An item of a user's history with its preference strength.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Weight">Its strength <c>r_ui</c> (after aggregation and scaling, see <see cref="Preferences"/>).</param>
public readonly record struct WeightedItem(string ItemId, double Weight);
