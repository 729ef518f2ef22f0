using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>Ways to hold out interactions for offline evaluation.</summary>
public static class InteractionSplit
{
    /// <summary>
    /// Per user, the newest <c>floor(n * testFraction)</c> events go to test and the rest to train (a temporal split, as
    /// serving sees it: the past predicts the future). Equal timestamps keep the input order. Both parts keep input order.
    /// </summary>
    public static Split NewestPerUser(IReadOnlyList<Interaction> events, double testFraction = 0.2)
    {
        ArgumentNullException.ThrowIfNull(events);
        CheckFraction(testFraction);
        var byUser = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int e = 0; e < events.Count; e++)
        {
            if (!byUser.TryGetValue(events[e].UserId, out List<int>? list)) byUser.Add(events[e].UserId, list = []);
            list.Add(e);
        }
        var isTest = new bool[events.Count];
        foreach (List<int> list in byUser.Values)
        {
            list.Sort((a, b) => events[a].Timestamp != events[b].Timestamp ? events[a].Timestamp.CompareTo(events[b].Timestamp) : a.CompareTo(b));
            int test = (int)Math.Floor(list.Count * testFraction);
            for (int k = list.Count - test; k < list.Count; k++) isTest[list[k]] = true;
        }
        return Divide(events, isTest);
    }

    /// <summary>A seeded uniform split: exactly <c>round(n * testFraction)</c> events, chosen at random, go to test.</summary>
    public static Split Random(IReadOnlyList<Interaction> events, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(events);
        CheckFraction(testFraction);
        var order = new int[events.Count];
        for (int k = 0; k < order.Length; k++) order[k] = k;
        new Random(seed).Shuffle(order);
        var isTest = new bool[events.Count];
        int test = (int)Math.Round(events.Count * testFraction, MidpointRounding.AwayFromZero);
        for (int k = 0; k < test; k++) isTest[order[k]] = true;
        return Divide(events, isTest);
    }

    private static Split Divide(IReadOnlyList<Interaction> events, bool[] isTest)
    {
        var train = new List<Interaction>();
        var test = new List<Interaction>();
        for (int e = 0; e < events.Count; e++) (isTest[e] ? test : train).Add(events[e]);
        return new Split(train, test);
    }

    private static void CheckFraction(double f)
    {
        if (!(f >= 0 && f <= 1)) throw new ArgumentOutOfRangeException(nameof(f), f, "The test fraction must be 0 to 1");
    }
}
