using LuceneReco.Rankers.Fairness.Fair;
using LuceneReco.Rankers.Fairness.Tests.Support;

namespace LuceneReco.Rankers.Fairness.Tests.Fair;

/// <summary>
/// Several groups: each group's table is adjusted to alpha / G (union bound), so a fair ranking (each position drawn from the
/// groups with their shares) breaks some group's table with probability at most alpha. Checked by seeded Monte Carlo.
/// </summary>
public sealed class MultiGroupFailTests
{
    [Theory]
    [InlineData(0.2, 0.3, 0.1, 40)]
    [InlineData(0.1, 0.1, 0.05, 100)]
    public void AdjustedPerGroupTables_JointFailProbability_IsAtMostAlpha(double p1, double p2, double alpha, int k)
    {
        int seed = TestSeed.Next();
        var rng = new Random(seed);
        MTable t1 = MTableAdjuster.Adjust(k, p1, alpha / 2).Table, t2 = MTableAdjuster.Adjust(k, p2, alpha / 2).Table;
        const int trials = 100_000;
        int failed = 0, failed1 = 0;
        for (int t = 0; t < trials; t++)
        {
            int c1 = 0, c2 = 0;
            bool broke = false, broke1 = false;
            for (int i = 1; i <= k; i++)
            {
                double u = rng.NextDouble();
                if (u < p1) c1++;
                else if (u < p1 + p2) c2++;
                broke1 |= c1 < t1.MinimumAt(i);
                broke |= c1 < t1.MinimumAt(i) || c2 < t2.MinimumAt(i);
            }
            if (broke) failed++;
            if (broke1) failed1++;
        }
        double joint = (double)failed / trials, one = (double)failed1 / trials;
        double exact = JointFailProbability(t1, t2, p1, p2, k);
        Assert.True(exact <= alpha, $"exact joint fail {exact} > alpha {alpha}");
        Assert.True(exact >= Math.Max(t1.FailProbability, t2.FailProbability), "the joint fail rate is at least each group's");
        double sigma = Math.Sqrt(exact * (1 - exact) / trials);
        Assert.True(Math.Abs(joint - exact) < 5 * sigma + 1e-9, $"Monte Carlo joint fail {joint} vs exact {exact}, {TestSeed.Describe(seed)}");
        // Each group's marginal is still its exact binomial DP.
        double s1 = Math.Sqrt(t1.FailProbability * (1 - t1.FailProbability) / trials);
        Assert.True(Math.Abs(one - t1.FailProbability) < 5 * s1 + 1e-9, $"group 1 fail {one} vs exact {t1.FailProbability}, {TestSeed.Describe(seed)}");
        Assert.True(t1.FailProbability + t2.FailProbability <= alpha, "the union bound holds by construction");
    }

    /// <summary>P(some prefix breaks either table) by DP over (prefix, count of group 1, count of group 2), positions drawn with p1, p2, rest.</summary>
    private static double JointFailProbability(MTable t1, MTable t2, double p1, double p2, int k)
    {
        var alive = new double[k + 1, k + 1];
        alive[0, 0] = 1;
        double failed = 0, p0 = 1 - p1 - p2;
        for (int i = 1; i <= k; i++)
        {
            var next = new double[k + 1, k + 1];
            for (int a = 0; a < i; a++)
                for (int b = 0; a + b < i; b++)
                {
                    double m = alive[a, b];
                    if (m == 0) continue;
                    next[a + 1, b] += m * p1;
                    next[a, b + 1] += m * p2;
                    next[a, b] += m * p0;
                }
            for (int a = 0; a <= i; a++)
                for (int b = 0; a + b <= i; b++)
                    if (next[a, b] != 0 && (a < t1.MinimumAt(i) || b < t2.MinimumAt(i)))
                    {
                        failed += next[a, b];
                        next[a, b] = 0;
                    }
            alive = next;
        }
        return failed;
    }
}
