namespace LuceneReco.Host.Experiments;

/// <summary>
/// An interleaved list, position 1 first: each item, the side that put it there (<see cref="Teams"/>) and its 1-based rank in
/// each input list (0: not in that list). Team-draft credit reads the teams; balanced credit reads the ranks.
/// </summary>
internal sealed record InterleavedList(IReadOnlyList<string> Items, IReadOnlyList<Variant> Teams, IReadOnlyList<int> RankA, IReadOnlyList<int> RankB)
{
    /// <summary>How many items.</summary>
    public int Count => Items.Count;
}
