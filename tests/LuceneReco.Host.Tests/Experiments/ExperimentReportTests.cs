using LuceneReco.Host.Experiments;
using LuceneReco.Host.Pipelines;
using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Experiments;

/// <summary>The report's attribution and tallies on a handful of hand-made impressions whose figures are worked out below.</summary>
public sealed class ExperimentReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ExperimentSettings Settings = new() { Control = "prod", Candidate = "next", Traffic = 0.5 };

    internal static ServedList Interleaved(string user, DateTimeOffset at, params (string Id, Variant V)[] items) =>
        new("r-" + user + at.ToUnixTimeSeconds(), "prod", user, at, 0,
            [.. items.Select((x, i) => new ServedItem(x.Id, i + 1, 1, new Dictionary<string, double>(), x.V, x.V == Variant.A ? i + 1 : 0, x.V == Variant.B ? i + 1 : 0))])
        { Experiment = "x", Method = "teamDraft" };

    internal static ServedList Own(string user, DateTimeOffset at, params string[] items) =>
        new("o-" + user, "prod", user, at, 0, [.. items.Select((id, i) => new ServedItem(id, i + 1, 1, new Dictionary<string, double>()))]);

    private static Interaction Event(string user, string item, string kind, double minutes) => new(user, item, kind, 1, T0.AddMinutes(minutes));

    private static ExperimentSummary Report(IReadOnlyList<ServedList> lists, params Interaction[] events) =>
        ExperimentReport.Compute("x", Settings, lists, user => events.Where(e => e.UserId == user));

    [Fact]
    public void Compute_HandMadeImpressions_CountsWinsRatesAndVariants()
    {
        var (a, b) = (Variant.A, Variant.B);
        var lists = new[]
        {
            Interleaved("u1", T0, ("a1", a), ("b1", b), ("a2", a), ("b2", b)), // b1 clicked and bought: B wins
            Interleaved("u2", T0, ("b3", b), ("a3", a)),                       // a3 clicked after the window: no click
            Interleaved("u3", T0, ("a1", a), ("b1", b)),                       // both clicked: tie
            Interleaved("u4", T0, ("a1", a), ("b1", b)),                       // a1 clicked: A wins
            Interleaved("u7", T0, ("a1", a), ("b1", b)),                       // a1 clicked later: counts for the newer list only
            Interleaved("u7", T0.AddMinutes(10), ("a1", a), ("b1", b)),        // ... this one: A wins
            Own("u5", T0, "a1", "a2"),                                         // the control alone, a2 clicked
            Own("u6", T0, "a1"),                                               // the control alone, nothing
        };
        var s = Report(lists,
            Event("u1", "b1", "click", 5), Event("u1", "b1", "purchase", 6), Event("u1", "zz", "click", 7),
            Event("u2", "a3", "click", 40),
            Event("u3", "a1", "click", 1), Event("u3", "b1", "click", 2), Event("u3", "b1", "view", 3),
            Event("u4", "a1", "click", 1),
            Event("u7", "a1", "click", 12),
            Event("u5", "a2", "click", 3));

        Assert.Equal(new InterleavingFigures(1, 2, 1, 2, 1.0) { UserWins = 1, UserLosses = 2 }, s.Interleaving); // sign test of 1 against 2: p = 2 P(X <= 1 | n = 3) = 1
        Assert.Equal(new RateFigures(6, 5, 4, 1), s.Interleaved);
        Assert.Equal(new RateFigures(2, 2, 1, 0), s.ControlOwn);
        Assert.Equal(new RateFigures(6, 5, 3, 0), s.VariantA); // u3, u4, u7's second list
        Assert.Equal(new RateFigures(6, 5, 2, 1), s.VariantB); // u1, u3; u1 bought
        var expected = Statistics.TwoProportionZ(1, 2, 4, 6);
        Assert.Equal(expected.Z, s.ClickThrough!.Z, 12);
        Assert.True(s.ClickThrough.Z > 0, "the interleaved lists' higher rate gives a positive z");
        Assert.Equal(783, s.Plan.PreferencesNeeded);
        Assert.Equal((long)Math.Ceiling((783 - 3) / (3.0 / 5)), s.Plan.InterleavingUsersNeeded); // 3 preferences from 5 users so far
        long perSide = Statistics.ImpressionsNeeded(0.5, 0.55);
        Assert.Equal(perSide, s.Plan.ListsNeededPerSide);
        Assert.Equal(perSide - 2, s.Plan.RateUsersNeeded); // the control's own side: 2 lists from 2 users
    }

    [Fact]
    public void Compute_OneUserWithManyLists_CountsOnceByUser()
    {
        var lists = new List<ServedList>();
        var events = new List<Interaction>();
        for (int i = 0; i < 12; i++) // one heavy user prefers B twelve times
        {
            lists.Add(Interleaved("heavy", T0.AddHours(i), ("a", Variant.A), ("b" + i, Variant.B)));
            events.Add(Event("heavy", "b" + i, "click", i * 60 + 1));
        }
        for (int u = 0; u < 3; u++) // three users prefer A once each
        {
            lists.Add(Interleaved("light" + u, T0, ("a", Variant.A), ("b", Variant.B)));
            events.Add(Event("light" + u, "a", "click", 1));
        }
        var s = Report(lists, [.. events]);
        Assert.Equal((12L, 3L), (s.Interleaving.Wins, s.Interleaving.Losses));
        Assert.True(s.Interleaving.P < 0.05, "by list the heavy user's twelve lists look significant");
        Assert.Equal((1L, 3L), (s.Interleaving.UserWins, s.Interleaving.UserLosses));
        Assert.Equal(Statistics.SignTestP(1, 3), s.Interleaving.UserP);
    }

    [Fact]
    public void Compute_NoImpressions_NoEvidenceAndNothingToExtrapolate()
    {
        var s = Report([]);
        Assert.Equal(new InterleavingFigures(0, 0, 0, 0, 1.0), s.Interleaving);
        Assert.Null(s.ClickThrough);
        Assert.Null(s.Plan.InterleavingUsersNeeded);
        Assert.Null(s.Plan.ListsNeededPerSide);
        Assert.Equal(0.5, s.Interleaving.CandidateShare);
    }

    [Fact]
    public void Compute_BalancedList_CreditsByRanksNotTeams()
    {
        // x is first in both rankings and was put there by B: team draft credits B, balanced sees a tie (k = 1 for both)
        var list = new ServedList("r", "prod", "u", T0, 0,
            [new ServedItem("x", 1, 1, new Dictionary<string, double>(), Variant.B, 1, 1), new ServedItem("y", 2, 1, new Dictionary<string, double>(), Variant.A, 2, 0)])
        { Experiment = "x", Method = "balanced" };
        var click = Event("u", "x", "click", 1);
        Assert.Equal(1, Report([list], click).Interleaving.Ties);
        Assert.Equal(1, Report([list with { Method = "teamDraft" }], click).Interleaving.Wins);
    }

    [Fact]
    public void Compute_EventBeforeTheList_DoesNotCount()
    {
        var s = Report([Interleaved("u", T0, ("a1", Variant.A))], Event("u", "a1", "click", -1));
        Assert.Equal(0, s.Interleaved.Clicked);
    }
}
