namespace LuceneReco.Host.Interactions;

/// <summary>That users were erased, never who: how many erasures, how many events they removed, and when the last was.</summary>
/// <param name="Count">Erasures that removed at least one event.</param>
/// <param name="Events">Events they removed in all.</param>
/// <param name="Last">When the last one happened (UTC), or null when none has.</param>
internal sealed record ErasureSummary(long Count, long Events, DateTimeOffset? Last)
{
    /// <summary>No erasure yet.</summary>
    public static ErasureSummary None { get; } = new(0, 0, null);
}
