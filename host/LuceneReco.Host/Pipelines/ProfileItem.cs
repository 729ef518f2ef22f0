namespace LuceneReco.Host.Pipelines;

/// <summary>An item of a user's profile: its doc in the request's reader, id, interaction weight (> 0) and the event's kind ("rating", "play").</summary>
internal readonly record struct ProfileItem(int Doc, string Id, double Weight, string Kind);
