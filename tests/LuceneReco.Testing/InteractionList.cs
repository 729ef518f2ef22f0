using LuceneReco.Plugins;

namespace LuceneReco.Testing;

/// <summary>The host's interaction reader, in memory: events as added, read back newest first.</summary>
public class InteractionList : IInteractionReader
{
    private readonly List<Interaction> _events = [];

    /// <summary>How many events were added.</summary>
    public int Count => _events.Count;

    /// <summary>Adds an event.</summary>
    public void Add(Interaction e) => _events.Add(e);

    /// <inheritdoc />
    public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) => Newest(e => e.UserId == userId, max);

    /// <inheritdoc />
    public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => Newest(e => e.ItemId == itemId, max);

    private List<Interaction> Newest(Predicate<Interaction> match, int max)
    {
        List<Interaction> found = _events.FindAll(match);
        found.Sort((a, b) => b.Timestamp.CompareTo(a.Timestamp));
        return found.Count > max ? found.GetRange(0, max) : found;
    }
}
