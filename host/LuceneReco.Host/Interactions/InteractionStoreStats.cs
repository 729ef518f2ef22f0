namespace LuceneReco.Host.Interactions;

/// <summary>What an interaction store holds.</summary>
/// <param name="Events">Rows.</param>
/// <param name="Users">Distinct users.</param>
/// <param name="Items">Distinct items.</param>
/// <param name="First">The oldest event's time, or null when empty.</param>
/// <param name="Last">The newest event's time, or null when empty.</param>
/// <param name="Kinds">Events per kind, most frequent first.</param>
/// <param name="Bytes">The size of the database file and its write-ahead log.</param>
internal sealed record InteractionStoreStats(
    long Events, long Users, long Items, DateTimeOffset? First, DateTimeOffset? Last,
    IReadOnlyList<KeyValuePair<string, long>> Kinds, long Bytes);
