using FsCheck.Xunit;
using LuceneReco.Rankers.Diversity.Core;
using LuceneReco.Rankers.Diversity.Tests.Support;

namespace LuceneReco.Rankers.Diversity.Tests.Core;

public sealed class ConstraintReorderTests
{
    /// <summary>A column of <paramref name="n"/> candidates over <paramref name="values"/> values; some have none (a group of their own), some two.</summary>
    internal static GroupColumn RandomColumn(Random random, int n, int values, double missing, double multi)
    {
        var ids = new int[n][];
        var isMissing = new bool[n];
        int next = values;
        for (int i = 0; i < n; i++)
        {
            if (random.NextDouble() < missing) { ids[i] = [next++]; isMissing[i] = true; continue; }
            int a = random.Next(values);
            int b = random.NextDouble() < multi ? random.Next(values) : a;
            ids[i] = a == b ? [a] : [Math.Min(a, b), Math.Max(a, b)];
        }
        return new GroupColumn(ids, next, isMissing);
    }

    /// <summary>Caps can all be met when the groups hold at least <c>within</c> items once each is counted up to the cap.</summary>
    private static bool CapFeasible(GroupColumn g, int max, int within)
    {
        if (g.Values.Any(v => v.Length > 1)) return false; // multi-valued: no simple bound; not asserted
        int room = g.Values.GroupBy(v => v[0]).Sum(x => Math.Min(x.Count(), max));
        return room >= within;
    }

    private static int MaxInTop(GroupColumn g, int[] order, int within)
    {
        var counts = new Dictionary<int, int>();
        for (int p = 0; p < Math.Min(within, order.Length); p++)
            foreach (int v in g.Values[order[p]]) counts[v] = counts.GetValueOrDefault(v) + 1;
        return counts.Count == 0 ? 0 : counts.Values.Max();
    }

    private static int DistinctInTop(GroupColumn g, int[] order, int within) =>
        order.Take(within).SelectMany(i => g.Values[i]).Distinct().Count();

    [Property(MaxTest = 300)]
    public bool Caps_HoldOnEveryFeasibleRandomList_AndTheOrderIsAPermutation(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(0, 60);
        GroupColumn provider = RandomColumn(random, n, random.Next(1, 6), missing: 0.15, multi: 0);
        int max = random.Next(1, 4), within = random.Next(1, 20);

        (int[] order, _) = ConstraintReorder.Apply(n, [new CapConstraint(provider, max, within)], []);

        bool permutation = order.OrderBy(i => i).SequenceEqual(Enumerable.Range(0, n));
        return permutation && (!CapFeasible(provider, max, Math.Min(within, n)) || MaxInTop(provider, order, within) <= max);
    }

    [Property(MaxTest = 300)]
    public bool Coverage_HoldsWheneverTheCandidatesHaveEnoughValues_WithACapOnTheSameField(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(1, 60);
        GroupColumn category = RandomColumn(random, n, random.Next(1, 8), missing: 0.1, multi: 0.2);
        int within = random.Next(1, 15), min = random.Next(1, within + 1);
        var cap = new CapConstraint(category, random.Next(1, 4), random.Next(1, 20));

        (int[] order, _) = ConstraintReorder.Apply(n, [cap], [new CoverageConstraint(category, min, within)]);

        int possible = Math.Min(min, Math.Min(within, n));
        int available = Enumerable.Range(0, n).SelectMany(i => category.Values[i]).Distinct().Count();
        return DistinctInTop(category, order, within) >= Math.Min(possible, available);
    }

    [Property(MaxTest = 300)]
    public bool Caps_AlwaysWinOverCoverage_OnDifferentFields(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(0, 60);
        GroupColumn provider = RandomColumn(random, n, random.Next(1, 6), missing: 0.2, multi: 0);
        GroupColumn category = RandomColumn(random, n, random.Next(1, 6), missing: 0.2, multi: 0.3);
        int max = random.Next(1, 4), within = random.Next(1, 20);

        (int[] order, _) = ConstraintReorder.Apply(n, [new CapConstraint(provider, max, within)], [new CoverageConstraint(category, random.Next(1, 5), random.Next(4, 12))]);

        return !CapFeasible(provider, max, Math.Min(within, n)) || MaxInTop(provider, order, within) <= max;
    }

    [Property(MaxTest = 200)]
    public bool AListThatAlreadyKeepsTheRules_IsLeftAsItIs(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(0, 40);
        GroupColumn provider = RandomColumn(random, n, 8, missing: 0.1, multi: 0);
        var identity = Enumerable.Range(0, n).ToArray();
        // Rules the given order already keeps: its own max count and distinct count in the top 10.
        var cap = new CapConstraint(provider, Math.Max(1, MaxInTop(provider, identity, 10)), 10);
        var coverage = new CoverageConstraint(provider, DistinctInTop(provider, identity, 5), 5);

        (int[] order, Placement[] placements) = ConstraintReorder.Apply(n, [cap], [coverage]);

        return order.SequenceEqual(identity) && placements.All(p => p.BlockedRule < 0);
    }

    [Fact]
    public void Cap_HoldsTheThirdItemOfAProviderBack_AndSaysWhichCap()
    {
        // providers: A A A B C ; at most 2 per provider in the top 4
        var provider = new GroupColumn([[0], [0], [0], [1], [2]], 3, new bool[5]);

        (int[] order, Placement[] placements) = ConstraintReorder.Apply(5, [new CapConstraint(provider, 2, 4)], []);

        Assert.Equal([0, 1, 3, 4, 2], order);
        Assert.Equal(0, placements[2].BlockedRule);
        Assert.Equal(0, placements[2].BlockedGroup);
        Assert.All(new[] { 0, 1, 3, 4 }, i => Assert.Equal(-1, placements[i].BlockedRule));
    }

    [Fact]
    public void Coverage_PullsTheBestItemOfAMissingValueUp_OnlyWhenItMustBe()
    {
        // categories: X X X X Y Z ; at least 2 categories in the top 3: place 3 must add one, and Y (index 4) is the best that does
        var category = new GroupColumn([[0], [0], [0], [0], [1], [2]], 3, new bool[6]);

        (int[] order, Placement[] placements) = ConstraintReorder.Apply(6, [], [new CoverageConstraint(category, 2, 3)]);

        Assert.Equal([0, 1, 4, 2, 3, 5], order);
        Assert.Equal(PlacementKind.Coverage, placements[4].Kind);
        Assert.Equal(1, placements[4].CoverageGroup);
        Assert.Equal(2, placements[4].CoverageCount);
    }

    [Fact]
    public void Candidates_WithoutTheAttribute_AreGroupsOfTheirOwn_NeverCapped()
    {
        var provider = new GroupColumn([[2], [3], [4], [0]], 5, [true, true, true, false]);

        (int[] order, _) = ConstraintReorder.Apply(4, [new CapConstraint(provider, 1, 4)], []);

        Assert.Equal([0, 1, 2, 3], order);
    }

    [Fact]
    public void NoCandidateKeepsTheCap_TheBestIsPlacedAnyway_NothingIsLost()
    {
        var provider = new GroupColumn([[0], [0], [0]], 1, new bool[3]);

        (int[] order, Placement[] placements) = ConstraintReorder.Apply(3, [new CapConstraint(provider, 1, 3)], []);

        Assert.Equal([0, 1, 2], order);
        Assert.Equal(PlacementKind.Relaxed, placements[1].Kind);
    }

    [Fact]
    public void EmptyList_GivesAnEmptyOrder()
    {
        var empty = new GroupColumn([], 0, []);

        (int[] order, _) = ConstraintReorder.Apply(0, [new CapConstraint(empty, 1, 10)], [new CoverageConstraint(empty, 2, 5)]);

        Assert.Empty(order);
    }

    [Fact]
    public void RandomRun_CapsHoldOnEveryList()
    {
        int seed = TestSeed.Next();
        var random = new Random(seed);
        for (int run = 0; run < 500; run++)
        {
            int n = random.Next(20, 80);
            // ten providers of similar size: three per provider always fit the top 10
            GroupColumn provider = RandomColumn(random, n, 10, missing: 0.1, multi: 0);
            GroupColumn category = RandomColumn(random, n, 4, missing: 0, multi: 0);
            if (!CapFeasible(provider, 3, 10)) continue;

            (int[] order, _) = ConstraintReorder.Apply(n, [new CapConstraint(provider, 3, 10)], [new CoverageConstraint(category, 2, 5)]);

            Assert.True(MaxInTop(provider, order, 10) <= 3, $"run {run}: cap broken; {TestSeed.Describe(seed)}");
        }
    }
}
