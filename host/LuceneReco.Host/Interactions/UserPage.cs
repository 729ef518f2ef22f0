namespace LuceneReco.Host.Interactions;

/// <summary>One page of the users an interaction store knows (<see cref="IInteractionStore.Users"/>).</summary>
/// <param name="Users">The page: most events first, ties by id.</param>
/// <param name="Total">How many users have events.</param>
internal sealed record UserPage(IReadOnlyList<UserEvents> Users, long Total)
{
    /// <summary>No users.</summary>
    public static UserPage Empty { get; } = new([], 0);
}

/// <summary>A user and their events.</summary>
/// <param name="Id">The user id.</param>
/// <param name="Events">How many events are kept for the user.</param>
/// <param name="Last">The time of the newest.</param>
internal sealed record UserEvents(string Id, long Events, DateTimeOffset Last);
