using System.Globalization;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// Reserved places for new items in a pipeline's final list (the pipeline's <c>"newItems"</c> setting). An item the
/// plugin sources' models do not know yet (no interactions when they were trained) can only come from a content source,
/// and RRF and collaborative rerank stages rank such items below everything the models agree on, so without help
/// they never reach the top of a list. With <see cref="Every"/> = n, positions n, 2n, 3n, ... go to the best new items
/// of <see cref="Source"/> (by their rank there) unless a new item already holds that position on its own merit;
/// the rest of the list keeps its order. This is the "exploration slot" of production feeds made explicit and
/// explained; <c>lucenereco eval --cold-items</c> measures what it buys and costs (docs/evaluation.md).
/// </summary>
internal sealed record NewItemSlots
{
    /// <summary>The stage name placed items are explained under.</summary>
    public const string StageName = "new-items";

    /// <summary>The content recall source whose ranking picks the new items. <value>The default is <c>profile</c>.</value></summary>
    public string Source { get; init; } = "profile";

    /// <summary>One reserved place in every this many positions. <value>The default is 10.</value></summary>
    public int Every { get; init; } = 10;

    /// <summary>
    /// Instead of one place in every <see cref="Every"/>: as many places as <see cref="Source"/>'s own first k hold new items,
    /// filled with exactly those items (the best new items by their rank there), spread over positions <see cref="From"/> to
    /// k. The list then holds every new item that the content source alone would have shown in its first k, so it recalls
    /// the new items at least as well as that source alone, and the places adapt to how many new items the catalogue has
    /// and how well they match the user (none when none rank that high). <value>The default is <c>false</c>.</value>
    /// </summary>
    public bool Match { get; init; }

    /// <summary>
    /// With <see cref="Match"/>, the first position the placed items may take (they are spread evenly from there to k; when
    /// there are more of them than that leaves room for, they take the last positions). <value>The default is <c>null</c>:
    /// the lower half of the list, k / 2 + 1 (11 for a list of 20), so the first half is the models' alone.</value>
    /// </summary>
    public int? From { get; init; }

    /// <summary>Adds every problem to <paramref name="errors"/>, prefixed with <paramref name="where"/>.</summary>
    public void Validate(string where, IReadOnlyList<RecallStep> recall, List<string> errors)
    {
        if (From is < 1 or > 1000) errors.Add($"{where}.from must be 1 to 1000, got {From.Value.ToString(CultureInfo.InvariantCulture)}");
        if (Every is < 2 or > 1000) errors.Add($"{where}.every must be 2 to 1000, got {Every.ToString(CultureInfo.InvariantCulture)}");
        if (RecallSources.Find(Source) is null)
            errors.Add($"{where}.source must be a built-in content source ({string.Join(", ", RecallSources.Names)}), not '{Source}'");
        else if (!recall.Any(r => string.Equals(r.Source, Source, StringComparison.Ordinal)))
            errors.Add($"{where}.source '{Source}' is not among the pipeline's recall sources");
        if (!recall.Any(r => !r.IsBuiltIn))
            errors.Add($"{where} needs a plugin recall source (such as als, itemknn or popular): new items are the ones its models do not know");
    }

    /// <summary>
    /// Moves new items of <see cref="Source"/> into the reserved positions among the first <paramref name="k"/> of
    /// <paramref name="ranked"/> (best first), in place. A placed item takes the score of the item it displaced, so the
    /// list stays ordered by score, and gets an explanation line. Returns how many items were moved.
    /// </summary>
    /// <param name="ranked">The final ranking.</param>
    /// <param name="k">How many items the request returns.</param>
    /// <param name="isNew">Whether no plugin source's model knows an item.</param>
    public int Apply(List<Candidate> ranked, int k, Func<string, bool> isNew)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(isNew);
        if (Match) return ApplyMatched(ranked, k, isNew);
        int positions = Math.Min(k, ranked.Count);
        if (positions < Every) return 0;
        string rankFeature = Source + ".rank";
        var pool = new List<(double Rank, int Index)>();
        for (int i = 0; i < ranked.Count; i++)
            if (ranked[i].Features.TryGetValue(rankFeature, out double rank) && isNew(ranked[i].ItemId))
                pool.Add((rank, i));
        if (pool.Count == 0) return 0;
        pool.Sort(static (a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Index.CompareTo(b.Index));

        var result = new List<Candidate>(ranked.Count);
        var taken = new bool[ranked.Count];
        int next = 0, fromPool = 0, moved = 0;
        while (result.Count < ranked.Count)
        {
            while (taken[next]) next++;
            int position = result.Count + 1;
            bool reserved = position % Every == 0 && position <= positions;
            if (reserved && !isNew(ranked[next].ItemId))
            {
                while (fromPool < pool.Count && taken[pool[fromPool].Index]) fromPool++;
                if (fromPool < pool.Count)
                {
                    var (rank, index) = pool[fromPool++];
                    var placed = ranked[index];
                    double displacedScore = ranked[next].Score;
                    placed.StageScores[StageName] = placed.Score;
                    placed.Explain(new Reason(StageName, "new here: shown so it can be discovered before anyone has chosen it") { Kind = "new" });
                    placed.Debug(StageName, string.Create(CultureInfo.InvariantCulture,
                        $"not known to the collaborative models; placed at {position} (one place in every {Every} is kept for new items), {Source} rank {rank:0}"));
                    placed.Score = displacedScore;
                    taken[index] = true;
                    result.Add(placed);
                    moved++;
                    continue;
                }
            }
            taken[next] = true;
            result.Add(ranked[next]);
        }
        ranked.Clear();
        ranked.AddRange(result);
        return moved;
    }

    /// <summary>
    /// <see cref="Match"/>: the new items ranked within the first k by <see cref="Source"/> (its top k's new items) that are
    /// not already above <see cref="From"/> are moved to positions spread over From..k; everything else keeps its order.
    /// </summary>
    private int ApplyMatched(List<Candidate> ranked, int k, Func<string, bool> isNew)
    {
        int positions = Math.Min(k, ranked.Count);
        if (positions < 1) return 0;
        int from = Math.Clamp(From ?? positions / 2 + 1, 1, positions);
        string rankFeature = Source + ".rank";
        var pool = new List<(double Rank, int Index)>();
        for (int i = 0; i < ranked.Count; i++)
            if (i >= from - 1 && ranked[i].Features.TryGetValue(rankFeature, out double rank) && rank <= k && isNew(ranked[i].ItemId))
                pool.Add((rank, i)); // those above From hold a better place on their own merit and stay
        if (pool.Count == 0) return 0;
        pool.Sort(static (a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Index.CompareTo(b.Index));
        int count = Math.Min(pool.Count, positions);
        int start = Math.Max(1, Math.Min(from, positions - count + 1));
        int room = positions - start + 1;
        var moving = new HashSet<int>();
        for (int j = 0; j < count; j++) moving.Add(pool[j].Index);
        var rest = new List<Candidate>(ranked.Count);
        for (int i = 0; i < ranked.Count; i++)
            if (!moving.Contains(i)) rest.Add(ranked[i]);
        var result = new List<Candidate>(ranked.Count);
        int next = 0, placedCount = 0, moved = 0;
        while (result.Count < ranked.Count)
        {
            int position = result.Count + 1;
            // the j-th placed item goes to start + floor(j * room / count): spread evenly, the first at start
            bool reserved = placedCount < count && position == start + placedCount * room / count;
            if (reserved || next >= rest.Count)
            {
                var (rank, index) = pool[placedCount++];
                var placed = ranked[index];
                if (index != position - 1) moved++;
                placed.StageScores[StageName] = placed.Score;
                if (next < rest.Count) placed.Score = rest[next].Score; // the score of the item it goes above: the list stays ordered
                placed.Explain(new Reason(StageName, "new here: shown so it can be discovered before anyone has chosen it") { Kind = "new" });
                placed.Debug(StageName, string.Create(CultureInfo.InvariantCulture,
                    $"not known to the collaborative models; placed at {position} ({Source} rank {rank:0} is within its first {k}, so it gets a place from {from} on)"));
                result.Add(placed);
                continue;
            }
            result.Add(rest[next++]);
        }
        ranked.Clear();
        ranked.AddRange(result);
        return moved;
    }
}
