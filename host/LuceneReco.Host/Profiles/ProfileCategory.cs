namespace LuceneReco.Host.Profiles;

/// <summary>A category of the profile's items.</summary>
/// <param name="Category">The category value.</param>
/// <param name="Weight">Its share of the items' weights (an item with several categories splits its weight).</param>
/// <param name="Items">How many profile items carry it.</param>
/// <param name="LastEvent">The user's newest event on such an item.</param>
internal sealed record ProfileCategory(string Category, double Weight, int Items, DateTimeOffset LastEvent);
