using LuceneReco.Host.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Experiments;

/// <summary>
/// Turns an experiment's impressions and the events after them into its figures (<see cref="ExperimentSummary"/>). An event
/// of a click or conversion kind counts for the newest list shown to the same user at or before it, within the attribution
/// window, that showed the item (the rule of the learned ranker's <see cref="FeatureLog.FeatureLogJoin"/>); the interleaving
/// preference of a list comes from its clicks by the rule of the method that built it (<see cref="InterleavingCredit"/>).
/// </summary>
internal static class ExperimentReport
{
    /// <summary>What the sample-size plan aims at (docs/experiments.md states the formulas).</summary>
    /// <param name="Effect">The candidate's share of preferences above one half to detect. <value>The default is 0.05 (55 %).</value></param>
    /// <param name="Lift">The relative change of the click-through rate to detect. <value>The default is 0.1.</value></param>
    /// <param name="Alpha">The tests' level. <value>The default is 0.05.</value></param>
    /// <param name="Power">The chance to detect the effect. <value>The default is 0.8.</value></param>
    public sealed record Goal(double Effect = 0.05, double Lift = 0.1, double Alpha = 0.05, double Power = 0.8);

    /// <summary>The figures of experiment <paramref name="name"/> from <paramref name="lists"/> (its own and its control's) and each user's events.</summary>
    public static ExperimentSummary Compute(string name, ExperimentSettings settings, IReadOnlyList<ServedList> lists,
        Func<string, IEnumerable<Interaction>> eventsOf, Goal? goal = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(eventsOf);
        goal ??= new Goal();
        var (clicked, converted) = Attribute(lists, settings, eventsOf);

        var own = new Tally();
        var interleaved = new Tally();
        var variantA = new Tally();
        var variantB = new Tally();
        long wins = 0, losses = 0, ties = 0, none = 0;
        var byUser = new Dictionary<string, int>(StringComparer.Ordinal); // wins minus losses per user
        for (int l = 0; l < lists.Count; l++)
        {
            var list = lists[l];
            if (list.UserId is not { } user || list.Items.Count == 0) continue;
            var clicks = clicked[l] ?? new bool[list.Items.Count];
            var conversions = converted[l] ?? new bool[list.Items.Count];
            if (list.Experiment != name)
            {
                own.Add(user, Array.IndexOf(clicks, true) >= 0, Array.IndexOf(conversions, true) >= 0);
                continue;
            }
            interleaved.Add(user, Array.IndexOf(clicks, true) >= 0, Array.IndexOf(conversions, true) >= 0);
            variantA.Add(user, Any(list, clicks, Variant.A), Any(list, conversions, Variant.A));
            variantB.Add(user, Any(list, clicks, Variant.B), Any(list, conversions, Variant.B));
            var method = ExperimentSettings.ParseMethod(list.Method) ?? settings.MethodKind;
            switch (InterleavingCredit.Of(method, AsInterleaved(list), clicks))
            {
                case Preference.B: wins++; byUser[user] = byUser.GetValueOrDefault(user) + 1; break;
                case Preference.A: losses++; byUser[user] = byUser.GetValueOrDefault(user) - 1; break;
                case Preference.Tie: ties++; break;
                default: none++; break;
            }
        }
        var ownFigures = own.Figures();
        var interleavedFigures = interleaved.Figures();
        bool both = ownFigures.Lists > 0 && interleavedFigures.Lists > 0;
        RateTest? Test(long x1, long x2) => both ? Make(Statistics.TwoProportionZ(x1, ownFigures.Lists, x2, interleavedFigures.Lists)) : null;
        long userWins = byUser.Values.Count(n => n > 0), userLosses = byUser.Values.Count(n => n < 0);
        var preferences = new InterleavingFigures(wins, losses, ties, none, Statistics.SignTestP(wins, losses))
        {
            UserWins = userWins,
            UserLosses = userLosses,
            UserP = Statistics.SignTestP(userWins, userLosses),
        };
        return new ExperimentSummary(name, settings.Control, settings.Candidate, ExperimentSettings.MethodName(settings.MethodKind), settings.Traffic,
            settings.AttributionMinutes, ownFigures, interleavedFigures, variantA.Figures(), variantB.Figures(), preferences,
            Test(ownFigures.Clicked, interleavedFigures.Clicked), Test(ownFigures.Converted, interleavedFigures.Converted),
            Plan(goal, preferences, ownFigures, interleavedFigures));
    }

    /// <summary>
    /// The users still needed: for the sign test, <c>(needed - (wins + losses)) / (preferences per interleaved user)</c>; for the
    /// click-through test, <c>(needed per side - lists on the smaller side) / (lists per user on that side)</c>, from the control's own rate.
    /// </summary>
    private static SamplePlan Plan(Goal goal, InterleavingFigures preferences, RateFigures own, RateFigures interleaved)
    {
        long needed = Statistics.PreferencesNeeded(goal.Effect, goal.Alpha, goal.Power);
        long have = preferences.Wins + preferences.Losses;
        long? users = have == 0 ? null : UsersFor(needed - have, (double)have / interleaved.Users);
        long? lists = null, rateUsers = null;
        double p1 = own.Lists > 0 ? own.ClickThroughRate : interleaved.ClickThroughRate;
        double p2 = p1 * (1 + goal.Lift);
        if (p1 > 0 && p2 < 1)
        {
            lists = Statistics.ImpressionsNeeded(p1, p2, goal.Alpha, goal.Power);
            var smaller = own.Lists <= interleaved.Lists ? own : interleaved;
            rateUsers = smaller.Users == 0 ? null : UsersFor(lists.Value - smaller.Lists, (double)smaller.Lists / smaller.Users);
        }
        return new SamplePlan(goal.Effect, goal.Lift, goal.Alpha, goal.Power, needed, users, lists, rateUsers);
    }

    private static long UsersFor(long missing, double perUser) => missing <= 0 ? 0 : (long)Math.Ceiling(missing / perUser);

    private static RateTest Make((double Z, double P) t) => new(t.Z, t.P);

    /// <summary>Click and conversion flags per list and position (null for a list nothing happened to).</summary>
    private static (bool[]?[] Clicked, bool[]?[] Converted) Attribute(IReadOnlyList<ServedList> lists, ExperimentSettings settings,
        Func<string, IEnumerable<Interaction>> eventsOf)
    {
        var clickKinds = new HashSet<string>(settings.ClickKinds, StringComparer.Ordinal);
        var conversionKinds = new HashSet<string>(settings.ConversionKinds, StringComparer.Ordinal);
        var clicked = new bool[]?[lists.Count];
        var converted = new bool[]?[lists.Count];
        var byUser = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int l = 0; l < lists.Count; l++)
        {
            if (lists[l].UserId is not { } user || lists[l].Items.Count == 0) continue;
            if (!byUser.TryGetValue(user, out var own)) byUser[user] = own = [];
            own.Add(l);
        }
        var window = settings.Window;
        foreach (var (user, own) in byUser)
        {
            own.Sort((a, b) => lists[a].ServedAt.CompareTo(lists[b].ServedAt) is var c && c != 0 ? c : a.CompareTo(b));
            foreach (var e in eventsOf(user))
            {
                bool click = clickKinds.Contains(e.Kind), conversion = conversionKinds.Contains(e.Kind);
                if (!click && !conversion) continue;
                int lo = 0, hi = own.Count; // the first list served after the event
                while (lo < hi)
                {
                    int mid = (lo + hi) / 2;
                    if (lists[own[mid]].ServedAt <= e.Timestamp) lo = mid + 1; else hi = mid;
                }
                for (int k = lo - 1; k >= 0; k--)
                {
                    var list = lists[own[k]];
                    if (e.Timestamp - list.ServedAt > window) break;
                    int at = IndexOf(list, e.ItemId);
                    if (at < 0) continue;
                    if (click) (clicked[own[k]] ??= new bool[list.Items.Count])[at] = true;
                    if (conversion) (converted[own[k]] ??= new bool[list.Items.Count])[at] = true;
                    break;
                }
            }
        }
        return (clicked, converted);
    }

    /// <summary>The interleaved list as logged: each item's variant (A when unknown) and ranks.</summary>
    public static InterleavedList AsInterleaved(ServedList list)
    {
        int n = list.Items.Count;
        var ids = new string[n];
        var teams = new Variant[n];
        var rankA = new int[n];
        var rankB = new int[n];
        for (int i = 0; i < n; i++)
        {
            var item = list.Items[i];
            (ids[i], teams[i], rankA[i], rankB[i]) = (item.ItemId, item.Variant ?? Variant.A, item.RankA, item.RankB);
        }
        return new InterleavedList(ids, teams, rankA, rankB);
    }

    private static bool Any(ServedList list, bool[] flags, Variant variant)
    {
        for (int i = 0; i < flags.Length; i++)
            if (flags[i] && list.Items[i].Variant == variant) return true;
        return false;
    }

    private static int IndexOf(ServedList list, string item)
    {
        for (int i = 0; i < list.Items.Count; i++)
            if (string.Equals(list.Items[i].ItemId, item, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Counts lists, distinct users, clicked and converted lists.</summary>
    private sealed class Tally
    {
        private readonly HashSet<string> _users = new(StringComparer.Ordinal);
        private long _lists, _clicked, _converted;

        public void Add(string user, bool clicked, bool converted)
        {
            _users.Add(user);
            _lists++;
            if (clicked) _clicked++;
            if (converted) _converted++;
        }

        public RateFigures Figures() => new(_lists, _users.Count, _clicked, _converted);
    }
}
