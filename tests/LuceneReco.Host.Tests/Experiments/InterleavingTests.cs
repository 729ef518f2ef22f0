using LuceneReco.Host.Experiments;

namespace LuceneReco.Host.Tests.Experiments;

/// <summary>Team-draft and balanced interleaving as specifications: what every interleaved list must satisfy, over seeded random rankings.</summary>
public sealed class InterleavingTests
{
    private static readonly string[] A = ["a1", "a2", "a3", "a4", "a5"];
    private static readonly string[] B = ["b1", "b2", "b3", "b4", "b5"];

    [Theory]
    [InlineData("teamDraft")]
    [InlineData("balanced")]
    public void Interleave_SameSeed_SameList(string methodName)
    {
        var method = Methods.Parse(methodName);
        var first = Interleaving.Interleave(method, A, B, 8, 42);
        var again = Interleaving.Interleave(method, A, B, 8, 42);
        Assert.Equal(first.Items, again.Items);
        Assert.Equal(first.Teams, again.Teams);
    }

    [Theory]
    [InlineData("teamDraft")]
    [InlineData("balanced")]
    public void Interleave_IdenticalRankings_ServesThatRanking(string methodName)
    {
        var method = Methods.Parse(methodName);
        for (ulong seed = 0; seed < 50; seed++)
            Assert.Equal(A, Interleaving.Interleave(method, A, A, 10, seed).Items);
    }

    [Theory]
    [InlineData("teamDraft")]
    [InlineData("balanced")]
    public void Interleave_ManySeeds_EachSideLeadsAboutHalfTheTime(string methodName)
    {
        var method = Methods.Parse(methodName);
        int aFirst = 0;
        const int Seeds = 2000;
        for (ulong seed = 0; seed < Seeds; seed++)
            if (Interleaving.Interleave(method, A, B, 4, seed).Teams[0] == Variant.A) aFirst++;
        Assert.InRange(aFirst, 900, 1100); // 2000 fair coins: 4.5 standard deviations either side
    }

    [Theory]
    [InlineData("teamDraft")]
    [InlineData("balanced")]
    public void Interleave_OneSideRunsOut_OtherFillsTheList(string methodName)
    {
        var method = Methods.Parse(methodName);
        var list = Interleaving.Interleave(method, ["a1"], B, 4, 7);
        Assert.Equal(4, list.Count);
        Assert.Contains("a1", list.Items);
        Assert.Equal(3, list.Teams.Count(t => t == Variant.B));
    }

    [Theory]
    [InlineData("teamDraft")]
    [InlineData("balanced")]
    public void Interleave_RandomRankings_NoDuplicatesEveryItemFromAnInputAndTeamOrderKept(string methodName)
    {
        var method = Methods.Parse(methodName);
        for (int seed = 0; seed < 300; seed++)
        {
            var (a, b) = RandomRankings(seed);
            var list = Interleaving.Interleave(method, a, b, 12, (ulong)seed);
            Assert.True(list.Items.Distinct().Count() == list.Count, $"seed {seed}: an item is shown twice");
            Assert.True(list.Count == Math.Min(12, a.Union(b).Count()), $"seed {seed}: {list.Count} items");
            for (int i = 0; i < list.Count; i++)
            {
                var from = list.Teams[i] == Variant.A ? a : b;
                Assert.True(from.Contains(list.Items[i]), $"seed {seed}: {list.Items[i]} is not in the list of its team");
                Assert.Equal(Array.IndexOf(a, list.Items[i]) + 1, list.RankA[i]);
                Assert.Equal(Array.IndexOf(b, list.Items[i]) + 1, list.RankB[i]);
            }
            // each side's items appear in that side's order
            foreach (var (team, ranking) in new[] { (Variant.A, a), (Variant.B, b) })
            {
                var picked = list.Items.Where((_, i) => list.Teams[i] == team).Select(id => Array.IndexOf(ranking, id)).ToList();
                Assert.True(picked.SequenceEqual(picked.Order()), $"seed {seed}: team {team} out of its order");
            }
        }
    }

    [Fact]
    public void TeamDraft_RandomRankings_TeamsStayWithinOneOfEachOther()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            var (a, b) = RandomRankings(seed);
            var list = Interleaving.TeamDraft(a, b, 12, (ulong)seed);
            int diff = 0;
            // while both sides still had unshown items, every prefix is balanced; check the prefix before either ran out
            int balanced = BalancedPrefix(list, a, b);
            for (int i = 0; i < balanced; i++)
            {
                diff += list.Teams[i] == Variant.A ? 1 : -1;
                Assert.True(Math.Abs(diff) <= 1, $"seed {seed}: teams differ by {diff} after {i + 1} places");
            }
        }
    }

    [Fact]
    public void Balanced_RandomRankings_EveryPrefixIsTheTopOfBothWithinOne()
    {
        for (int seed = 0; seed < 300; seed++)
        {
            var (a, b) = RandomRankings(seed);
            var list = Interleaving.Balanced(a, b, 12, (ulong)seed);
            for (int n = 1; n <= list.Count; n++)
            {
                var prefix = list.Items.Take(n).ToHashSet();
                bool found = false;
                for (int ka = 0; ka <= a.Length && !found; ka++)
                    for (int kb = Math.Max(0, ka - 1); kb <= Math.Min(b.Length, ka + 1) && !found; kb++)
                        found = prefix.SetEquals(a.Take(ka).Union(b.Take(kb)));
                Assert.True(found || n > BalancedPrefix(list, a, b), $"seed {seed}: the first {n} are not the top of A and B within one");
            }
        }
    }

    [Fact]
    public void Interleave_NegativeLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Interleaving.TeamDraft(A, B, -1, 0));

    /// <summary>How many first places were filled while both inputs still had an item not yet shown.</summary>
    private static int BalancedPrefix(InterleavedList list, string[] a, string[] b)
    {
        var shown = new HashSet<string>();
        for (int i = 0; i < list.Count; i++)
        {
            if (a.All(shown.Contains) || b.All(shown.Contains)) return i;
            shown.Add(list.Items[i]);
        }
        return list.Count;
    }

    /// <summary>Two rankings of 3 to 10 items from a pool of 14, so they overlap in varying amounts.</summary>
    private static (string[] A, string[] B) RandomRankings(int seed)
    {
        var random = new Random(seed);
        var pool = Enumerable.Range(0, 14).Select(i => $"i{i}").ToArray();
        string[] Pick() => pool.OrderBy(_ => random.Next()).Take(random.Next(3, 11)).ToArray();
        return (Pick(), Pick());
    }
}
