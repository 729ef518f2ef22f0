namespace LuceneReco.Host.Pipelines;

/// <summary>An item of a user's profile: its doc in the request's reader, id, and interaction weight (> 0).</summary>
internal readonly record struct ProfileItem(int Doc, string Id, double Weight);
