namespace LuceneReco.Host.Profiles;

/// <summary>
/// What <c>GET /users/{id}/profile</c> and <c>lucenereco users profile</c> answer: the words, categories and items that make
/// the user's content profile (the <c>profile</c> recall source's query), each with its share of the profile and the time of
/// the user's newest event behind it. Built by <see cref="UserProfileBuilder"/> from exactly what that source reads.
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="Pipeline">The pipeline the user's recommendations run (whose <c>profile</c> step's settings were used).</param>
/// <param name="ProfileInPipeline">Whether that pipeline recalls through the content profile at all (if not, these words recall nothing there).</param>
/// <param name="Events">The user's events read (the newest, at most the history depth recommendations read).</param>
/// <param name="ProfileItems">How many distinct items make the profile (the newest, at most 50, that are in the index).</param>
/// <param name="Summary">One sentence for people saying what drives the recommendations.</param>
/// <param name="Terms">The words the profile searches for, heaviest first, as the items write them (never stems).</param>
/// <param name="Categories">The categories of the profile's items, heaviest first (empty when the index has no <c>category</c> field).</param>
/// <param name="Items">The profile's items by title, heaviest first.</param>
internal sealed record UserProfile(
    string UserId,
    string Pipeline,
    bool ProfileInPipeline,
    int Events,
    int ProfileItems,
    string Summary,
    IReadOnlyList<ProfileTerm> Terms,
    IReadOnlyList<ProfileCategory> Categories,
    IReadOnlyList<ProfileEntry> Items);
