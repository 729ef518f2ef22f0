using System.Globalization;
using LuceneReco.Host.Experiments;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;
using Xunit.Abstractions;

namespace LuceneReco.Host.Tests.Experiments;

/// <summary>
/// The "shown by" for interleaving, on a simulated population from MovieLens latest-small: each user's newest
/// <see cref="HeldOut"/> ratings are held out, item-kNN and popularity are trained on the rest, each user is shown the two
/// top-10 lists interleaved, and clicks each held-out item the list shows if they look at its place (a cascade-free
/// examination model: place p is looked at with probability 0.9^(p-1), seeded). Bounded for CI (<see cref="Users"/>,
/// <see cref="AaRuns"/>); <c>LR_INTERLEAVING_FULL=1</c> runs every eligible user and 1,000 A/A runs (docs/experiments.md).
/// </summary>
public sealed class InterleavingSimulationTests(ITestOutputHelper output)
{
    /// <summary>The fewest newest ratings held out per user (a fifth of the history when that is more).</summary>
    private const int HeldOut = 10;
    private const int ListLength = 10;
    private const double Alpha = 0.05;
    private static readonly bool Full = Environment.GetEnvironmentVariable("LR_INTERLEAVING_FULL") == "1";

    /// <summary>Users in the "better pipeline" test (every eligible user when full).</summary>
    private static int Users => Full ? int.MaxValue : 300;

    /// <summary>Seeded A/A runs of <see cref="AaUsers"/> users each.</summary>
    private static int AaRuns => Full ? 1000 : 200;

    private const int AaUsers = 200;

    private static readonly Lazy<Population> Data = new(() => Population.Load(RequiresMovieLensFactAttribute.MovieLensRatings!));

    [RequiresMovieLensFact]
    public void TeamDraftAndBalanced_ItemKnnAgainstPopularity_DetectItemKnnWithin300Users()
    {
        var data = Data.Value;
        foreach (var method in new[] { InterleavingMethod.TeamDraft, InterleavingMethod.Balanced })
        {
            long wins = 0, losses = 0;
            int detectedAt = -1, users = Math.Min(Users, data.Users.Count);
            for (int u = 0; u < users; u++)
            {
                var user = data.Users[u];
                var pref = Simulate(method, data.Popular(user), data.ItemKnn(user), user, "ab", 0);
                if (pref == Preference.B) wins++;
                else if (pref == Preference.A) losses++;
                if (detectedAt < 0 && wins > losses && Statistics.SignTestP(wins, losses) < Alpha) detectedAt = u + 1;
            }
            double p = Statistics.SignTestP(wins, losses);
            output.WriteLine(F($"{method}: item-kNN preferred by {wins}, popularity by {losses} of {users} users; p = {p:G3}; first p < {Alpha} after {detectedAt} users"));
            Assert.True(wins > losses && p < 0.01, F($"{method}: item-kNN {wins} against popularity {losses} over {users} users, p = {p}"));
            Assert.InRange(detectedAt, 1, 300);
        }
    }

    [RequiresMovieLensFact]
    public void TeamDraft_TwoIdenticalPipelines_PreferNeitherMoreOftenThanTheLevelAllows()
    {
        var data = Data.Value;
        int users = Math.Min(AaUsers, data.Users.Count);
        var lists = new List<(Population.User User, string[] List)>(users);
        for (int u = 0; u < users; u++) lists.Add((data.Users[u], data.ItemKnn(data.Users[u])));
        int rejectA = 0, rejectB = 0;
        long totalWins = 0, totalLosses = 0;
        for (int run = 0; run < AaRuns; run++)
        {
            long wins = 0, losses = 0;
            foreach (var (user, list) in lists)
            {
                var pref = Simulate(InterleavingMethod.TeamDraft, list, list, user, "aa", run);
                if (pref == Preference.B) wins++;
                else if (pref == Preference.A) losses++;
            }
            totalWins += wins;
            totalLosses += losses;
            if (Statistics.SignTestP(wins, losses) < Alpha)
            {
                if (wins > losses) rejectB++;
                else rejectA++;
            }
        }
        output.WriteLine(F($"{AaRuns} A/A runs of {users} users: {rejectA} preferred A and {rejectB} preferred B at level {Alpha}; B {totalWins} against A {totalLosses} in all"));
        // at a true level of at most 5 %, more than 2.5 % + 4 standard deviations of one side's rejections is a defect
        double bound = AaRuns * Alpha / 2 + 4 * Math.Sqrt(AaRuns * Alpha / 2 * (1 - Alpha / 2));
        Assert.True(rejectA <= bound && rejectB <= bound, F($"rejections A {rejectA}, B {rejectB} over {AaRuns} runs; at most {bound:0.0} each expected"));
        Assert.True(rejectA + rejectB <= AaRuns * Alpha + 4 * Math.Sqrt(AaRuns * Alpha * (1 - Alpha)), F($"{rejectA + rejectB} rejections in {AaRuns} runs"));
        Assert.True(Statistics.SignTestP(totalWins, totalLosses) > 0.001, F($"all runs together: B {totalWins} against A {totalLosses}"));
        Assert.True(totalWins + totalLosses > AaRuns * 10, "the simulated users hardly clicked: the test would pass whatever the credit did");
    }

    /// <summary>One user's preference: the two lists interleaved, the held-out items clicked where the user looks.</summary>
    private static Preference Simulate(InterleavingMethod method, string[] a, string[] b, Population.User user, string purpose, int run)
    {
        ulong seed = ExperimentHash.Seed(purpose, run.ToString(CultureInfo.InvariantCulture), user.Id);
        var list = Interleaving.Interleave(method, a, b, ListLength, seed);
        ulong look = ExperimentHash.Seed("look", purpose, run.ToString(CultureInfo.InvariantCulture), user.Id);
        var clicked = new bool[list.Count];
        double examined = 1;
        for (int i = 0; i < list.Count; i++, examined *= 0.9)
            clicked[i] = user.HeldOut.Contains(list.Items[i]) && ExperimentHash.ToUnit(ExperimentHash.Next(ref look)) < examined;
        return InterleavingCredit.Of(method, list, clicked);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>The users with their training history and held-out items, and the two models trained on the histories.</summary>
    private sealed class Population
    {
        public sealed record User(string Id, List<Interaction> Train, HashSet<string> HeldOut);

        private ItemKnnModel _knn = null!;
        private string[] _popular = [];

        public List<User> Users { get; } = [];

        public static Population Load(string ratings)
        {
            var byUser = new Dictionary<string, List<Interaction>>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(ratings).Skip(1))
            {
                var f = line.Split(',');
                var e = new Interaction(f[0], f[1], "rating", double.Parse(f[2], CultureInfo.InvariantCulture),
                    DateTimeOffset.FromUnixTimeSeconds(long.Parse(f[3], CultureInfo.InvariantCulture)));
                if (!byUser.TryGetValue(e.UserId, out var list)) byUser[e.UserId] = list = [];
                list.Add(e);
            }
            var population = new Population();
            var train = new List<Interaction>();
            foreach (var (id, events) in byUser.OrderBy(p => ExperimentHash.Seed("order", p.Key))) // a seeded, fixed order of users
            {
                events.Sort((x, y) => x.Timestamp.CompareTo(y.Timestamp) is var c && c != 0 ? c : string.CompareOrdinal(x.ItemId, y.ItemId));
                int cut = events.Count - Math.Max(HeldOut, events.Count / 5);
                train.AddRange(events.Take(Math.Max(cut, 0)));
                if (cut < 10) continue; // too short a history to be a test user
                population.Users.Add(new User(id, events.GetRange(0, cut), [.. events.Skip(cut).Select(e => e.ItemId)]));
            }
            var matrix = InteractionMatrix.Build(train);
            population._knn = ItemKnnModel.Train(matrix);
            population._popular = [.. train.GroupBy(e => e.ItemId, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key)];
            return population;
        }

        /// <summary>Popularity's top 10 of what the user has not rated.</summary>
        public string[] Popular(User user)
        {
            var seen = user.Train.Select(e => e.ItemId).ToHashSet(StringComparer.Ordinal);
            return [.. _popular.Where(i => !seen.Contains(i)).Take(ListLength)];
        }

        /// <summary>Item-kNN's top 10 for the user's training history.</summary>
        public string[] ItemKnn(User user) =>
            [.. _knn.Recommend(Preferences.FromEvents(user.Train, _knn.MatrixOptions), ListLength).Select(s => s.ItemId)];
    }
}
