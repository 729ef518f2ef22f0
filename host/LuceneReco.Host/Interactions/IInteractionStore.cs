using LuceneReco.Plugins;

namespace LuceneReco.Host.Interactions;

/// <summary>Where interaction events are kept: read by rankers and the profile source, fed by <c>POST /events</c>.</summary>
internal interface IInteractionStore : IInteractionReader
{
    /// <summary>Records one event.</summary>
    void Add(Interaction interaction);

    /// <summary>
    /// Records several events and returns how many. The SQLite store writes them in one transaction (all or none);
    /// this default adds them one by one.
    /// </summary>
    int AddRange(IEnumerable<Interaction> interactions)
    {
        int count = 0;
        foreach (var interaction in interactions)
        {
            Add(interaction);
            count++;
        }
        return count;
    }

    /// <summary>Forgets everything about <paramref name="userId"/>; returns how many events were erased.</summary>
    int EraseUser(string userId);

    /// <summary>How many events are kept.</summary>
    long Count { get; }

    /// <summary>
    /// The users with events, most events first (ties by id, ordinal), <paramref name="limit"/> of them from
    /// <paramref name="offset"/>, and how many there are. <value>The default is none (a store that cannot list its users).</value>
    /// </summary>
    UserPage Users(int offset, int limit) => UserPage.Empty;

    /// <summary>That erasures happened (count and time, never the ids). <value>The default is none recorded.</value></summary>
    ErasureSummary Erasures() => ErasureSummary.None;
}
