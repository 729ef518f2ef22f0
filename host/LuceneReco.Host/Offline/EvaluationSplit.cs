using LuceneReco.Plugins;
using LuceneReco.Host.Offline.Evaluation;

namespace LuceneReco.Host.Offline;

/// <summary>
/// The splits of <c>eval</c>: optionally every interaction of a seeded random share of items moved to test first
/// ("cold" items no model trained on), then per user the newest share (by time) or a seeded random share of the rest.
/// </summary>
internal static class EvaluationSplit
{
    /// <summary>Splits <paramref name="events"/>; returns the split and the cold items (empty when <paramref name="coldItems"/> is 0).</summary>
    /// <param name="events">All interactions.</param>
    /// <param name="byTime">Hold out each user's newest events (true) or random ones (false).</param>
    /// <param name="testFraction">Each user's share held out, <c>floor(n * testFraction)</c> events (0 to 1).</param>
    /// <param name="coldItems">Share of distinct items whose every event goes to test (0 to 1).</param>
    /// <param name="seed">Seeds the random choices.</param>
    public static (Split Split, IReadOnlySet<string> Cold) Create(IReadOnlyList<Interaction> events, bool byTime, double testFraction, double coldItems, int seed)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!(testFraction is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction must be 0 to 1");
        if (!(coldItems is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(coldItems), coldItems, "The cold-item share must be 0 to 1");
        var cold = ColdItems(events, coldItems, seed);
        var warm = new List<Interaction>(events.Count);
        var test = new List<Interaction>();
        foreach (var e in events) (cold.Contains(e.ItemId) ? test : warm).Add(e);
        var split = byTime ? InteractionSplit.NewestPerUser(warm, testFraction) : RandomPerUser(warm, testFraction, seed);
        test.AddRange(split.Test);
        return (new Split(split.Train, test), cold);
    }

    /// <summary><c>round(distinct items * share)</c> items drawn by a seeded shuffle of the ids in ordinal order.</summary>
    public static HashSet<string> ColdItems(IReadOnlyList<Interaction> events, double share, int seed)
    {
        var cold = new HashSet<string>(StringComparer.Ordinal);
        if (share <= 0) return cold;
        var items = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var e in events) items.Add(e.ItemId);
        var order = items.ToArray();
        new Random(seed).Shuffle(order);
        int n = (int)Math.Round(order.Length * share, MidpointRounding.AwayFromZero);
        for (int i = 0; i < n; i++) cold.Add(order[i]);
        return cold;
    }

    /// <summary>Per user, <c>floor(n * testFraction)</c> events drawn by a seeded shuffle go to test; both parts keep input order.</summary>
    public static Split RandomPerUser(IReadOnlyList<Interaction> events, double testFraction, int seed)
    {
        var byUser = new SortedDictionary<string, List<int>>(StringComparer.Ordinal);
        for (int e = 0; e < events.Count; e++)
        {
            if (!byUser.TryGetValue(events[e].UserId, out var list)) byUser.Add(events[e].UserId, list = []);
            list.Add(e);
        }
        var random = new Random(seed);
        var isTest = new bool[events.Count];
        foreach (var list in byUser.Values)
        {
            var order = list.ToArray();
            random.Shuffle(order);
            int test = (int)Math.Floor(order.Length * testFraction);
            for (int k = 0; k < test; k++) isTest[order[k]] = true;
        }
        var train = new List<Interaction>();
        var held = new List<Interaction>();
        for (int e = 0; e < events.Count; e++) (isTest[e] ? held : train).Add(events[e]);
        return new Split(train, held);
    }
}
