namespace LuceneReco.Host.Profiles;

/// <summary>A word of the profile's query.</summary>
/// <param name="Word">The word as the newest item holding it writes it ("Orbit", not the stem "orbit").</param>
/// <param name="Fields">The fields it was chosen in (title, body).</param>
/// <param name="Weight">Its share of the query's term weights (tf x idf of the weighted items; all shares add up to 1).</param>
/// <param name="Items">How many profile items hold it.</param>
/// <param name="LastEvent">The user's newest event on an item holding it.</param>
internal sealed record ProfileTerm(string Word, IReadOnlyList<string> Fields, double Weight, int Items, DateTimeOffset LastEvent);
