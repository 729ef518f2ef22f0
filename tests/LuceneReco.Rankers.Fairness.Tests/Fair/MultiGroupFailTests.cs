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
        double sigma = Math.Sqrt(alpha * (1 - alpha) / trials);
        Assert.True(joint <= alpha + 4 * sigma, $"joint fail {joint} > alpha {alpha}, {TestSeed.Describe(seed)}");
        // Each group's marginal is still its exact binomial DP.
        double s1 = Math.Sqrt(t1.FailProbability * (1 - t1.FailProbability) / trials);
        Assert.True(Math.Abs(one - t1.FailProbability) < 5 * s1 + 1e-9, $"group 1 fail {one} vs exact {t1.FailProbability}, {TestSeed.Describe(seed)}");
        Assert.True(t1.FailProbability + t2.FailProbability <= alpha, "the union bound holds by construction");
    }
}
