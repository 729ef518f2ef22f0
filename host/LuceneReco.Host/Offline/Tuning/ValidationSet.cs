using LuceneReco.Host.Offline.Evaluation;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Offline.Tuning;

/// <summary>
/// The part <c>tune</c> scores on: the given interactions split again per user (newest or seeded random share) into a fit
/// part the models train on and a validation part; the judged users are those with fit history and at least one held-out
/// item not in it, in a seeded order so each rung's share is the first users of that order.
/// </summary>
internal sealed class ValidationSet
{
    private ValidationSet(Split split, List<string> users, Dictionary<string, HashSet<string>> relevant, int items)
    {
        Split = split;
        Users = users;
        Relevant = relevant;
        Items = items;
    }

    /// <summary>The fit (train) and validation (test) parts.</summary>
    public Split Split { get; }

    /// <summary>The judged users, in the seeded order.</summary>
    public IReadOnlyList<string> Users { get; }

    /// <summary>Each judged user's held-out items not in their fit history.</summary>
    public IReadOnlyDictionary<string, HashSet<string>> Relevant { get; }

    /// <summary>Distinct items in the fit part.</summary>
    public int Items { get; }

    /// <summary>The first <c>ceil(share * users)</c> judged users.</summary>
    public IReadOnlyList<string> Share(double share) => Users.Take(Math.Max(1, (int)Math.Ceiling(share * Users.Count))).ToList();

    /// <summary>Splits <paramref name="events"/>; refuses data too small to tune on, saying what is needed.</summary>
    /// <exception cref="TuneInputException">Fewer than <see cref="TuneOptions.MinUsers"/> judged users or <see cref="TuneOptions.MinItems"/> items.</exception>
    /// <param name="maxUsers">Keep at most this many judged users (the first of the seeded order), or null for all.</param>
    public static ValidationSet Create(IReadOnlyList<Interaction> events, bool byTime, double fraction, int seed, double coldItems = 0, int? maxUsers = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var (split, _) = EvaluationSplit.Create(events, byTime, fraction, coldItems, seed);
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var items = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in split.Train)
        {
            if (!seen.TryGetValue(e.UserId, out var set)) seen[e.UserId] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(e.ItemId);
            items.Add(e.ItemId);
        }
        var relevant = new SortedDictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var e in split.Test)
        {
            if (!seen.TryGetValue(e.UserId, out var had) || had.Contains(e.ItemId)) continue;
            if (!relevant.TryGetValue(e.UserId, out var set)) relevant[e.UserId] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(e.ItemId);
        }
        int allUsers = events.Select(e => e.UserId).Distinct(StringComparer.Ordinal).Count();
        int perUser = (int)Math.Ceiling(1 / fraction);
        if (relevant.Count < TuneOptions.MinUsers)
            throw new TuneInputException($"tune needs at least {TuneOptions.MinUsers} users who keep interactions to fit on and hold some out for validation "
                + $"(each user's {(byTime ? "newest" : "random")} {fraction:0.##} share, so users with {perUser} or more interactions); "
                + $"these {events.Count:N0} interactions have {relevant.Count:N0} such users among {allUsers:N0}");
        if (items.Count < TuneOptions.MinItems)
            throw new TuneInputException($"tune needs at least {TuneOptions.MinItems} items with interactions to fit models on; the fit part has {items.Count:N0}");
        var users = relevant.Keys.ToArray();
        new Random(seed).Shuffle(users);
        if (maxUsers is int most && most < users.Length) users = users[..most];
        return new ValidationSet(split, [.. users], new Dictionary<string, HashSet<string>>(relevant, StringComparer.Ordinal), items.Count);
    }
}
