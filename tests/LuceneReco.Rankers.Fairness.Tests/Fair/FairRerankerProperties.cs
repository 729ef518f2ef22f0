using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LuceneReco.Rankers.Fairness.Fair;

namespace LuceneReco.Rankers.Fairness.Tests.Fair;

/// <summary>Properties of the FA*IR walk over generated candidate lists (FsCheck prints the case and its replay seed on failure).</summary>
public sealed class FairRerankerProperties
{
    public sealed record Case(int[] Groups, double[] Shares, double Alpha, int K, bool Adjust)
    {
        public override string ToString() =>
            $"groups=[{string.Join(",", Groups)}] shares=[{string.Join(",", Shares)}] alpha={Alpha} k={K} adjust={Adjust}";
    }

    private static Gen<Case> Cases(int groupCount) =>
        from n in Gen.Choose(1, 150)
        from share in Gen.Choose(0, 100)
        from draws in Gen.ArrayOf(Gen.Choose(0, 99), n)
        from sharePercents in Gen.ArrayOf(Gen.Choose(5, groupCount == 1 ? 95 : 30), groupCount)
        from alphaMilli in Gen.Choose(5, 300)
        from k in Gen.Choose(0, n)
        from adjust in Gen.Elements(true, false)
        select new Case(
            Array.ConvertAll(draws, d => d < share ? 1 + d % groupCount : 0),
            Array.ConvertAll(sharePercents, s => s / 100.0),
            alphaMilli / 1000.0, k, adjust);

    [Property(MaxTest = 300)]
    public Property Rerank_OneGroup_EveryPrefixHoldsItsMinimum() => Prop.ForAll(Cases(1).ToArbitrary(), c => Check(c, requireFeasible: false));

    [Property(MaxTest = 300)]
    public Property Rerank_SeveralGroups_EveryPrefixHoldsItsMinimumsWhenAnyRankingCan() =>
        Prop.ForAll(Gen.Choose(2, 3).SelectMany(Cases).ToArbitrary(), c => Check(c, requireFeasible: true));

    private static void Check(Case c, bool requireFeasible)
    {
        int n = c.Groups.Length, groupCount = c.Shares.Length;
        var tables = new MTable[groupCount];
        for (int g = 0; g < groupCount; g++)
        {
            int k = Math.Max(c.K, 1);
            double alpha = c.Adjust ? c.Alpha / groupCount : c.Alpha;
            tables[g] = c.Adjust ? MTableAdjuster.Adjust(k, c.Shares[g], alpha).Table : MTable.Compute(k, c.Shares[g], alpha);
        }
        var forced = new int[n];
        int[] order = FairReranker.Rerank(c.Groups, c.K, tables, forced);

        // A permutation ...
        Assert.Equal(Enumerable.Range(0, n), order.Order());
        // ... that keeps each group's incoming order, and the incoming order after k.
        var last = new int[groupCount + 1];
        Array.Fill(last, -1);
        foreach (int index in order)
        {
            Assert.True(index > last[c.Groups[index]], $"group {c.Groups[index]} out of incoming order");
            last[c.Groups[index]] = index;
        }
        for (int i = c.K + 1; i < n; i++) Assert.True(order[i] > order[i - 1], "after k the incoming order stays");

        var available = new int[groupCount + 1];
        foreach (int g in c.Groups) available[g]++;
        bool feasible = true;
        for (int i = 1; i <= c.K && requireFeasible; i++)
        {
            int demand = 0;
            for (int g = 1; g <= groupCount; g++) demand += Math.Min(tables[g - 1].MinimumAt(i), available[g]);
            feasible &= demand <= i;
        }
        if (!feasible) return; // no ranking meets every prefix: nothing to hold the walk to

        var counts = new int[groupCount + 1];
        for (int i = 1; i <= c.K; i++)
        {
            int g = c.Groups[order[i - 1]];
            counts[g]++;
            for (int h = 1; h <= groupCount; h++)
            {
                int need = Math.Min(tables[h - 1].MinimumAt(i), available[h]);
                Assert.True(counts[h] >= need, $"top {i} holds {counts[h]} of group {h}, needs {need}");
            }
            if (forced[i - 1] > 0)
            {
                Assert.Equal(forced[i - 1], g);
                if (groupCount == 1) Assert.Equal(tables[0].MinimumAt(i), counts[1]); // a forced pick is never more than the minimum
            }
            else
            {
                // An unforced position holds the best candidate left.
                for (int j = i; j < n; j++) Assert.True(order[j] >= order[i - 1], $"position {i} took {order[i - 1]} over {order[j]} without a constraint");
            }
        }
    }
}
