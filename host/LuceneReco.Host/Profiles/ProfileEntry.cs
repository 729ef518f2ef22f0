namespace LuceneReco.Host.Profiles;

/// <summary>An item of the profile.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Title">Its title (the id when it has none).</param>
/// <param name="Kind">The kind of the user's newest event on it (rating, view, ...).</param>
/// <param name="Weight">Its share of the profile: the event's weight times <c>0.5^(position / 10)</c>, position 0 the newest, over the sum of all.</param>
/// <param name="LastEvent">The time of that event.</param>
internal sealed record ProfileEntry(string Id, string Title, string Kind, double Weight, DateTimeOffset LastEvent);
