namespace LuceneReco.Plugins;

/// <summary>One item a candidate source found.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Score">The source's score (higher is better); fusion uses its rank or its normalised value.</param>
/// <param name="Explanation">Why, for people ("liked by people who liked Alien"), or null.</param>
public readonly record struct SourcedCandidate(string ItemId, double Score, string? Explanation);
