using System.Globalization;
using System.Numerics;
using LuceneReco.Rankers.Fairness.Fair;
using LuceneReco.Rankers.Fairness.Tests.Support;

namespace LuceneReco.Rankers.Fairness.Tests.Fair;

public sealed class MTableTests
{
    private static readonly int[] Published = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3];

    [Fact]
    public void Compute_PaperExample_EqualsPublishedTable()
    {
        // Zehlike et al. 2017, table for k = 20, p = 0.25, alpha = 0.1.
        MTable table = MTable.Compute(20, 0.25, 0.1);
        Assert.Equal(Published, table.Minimums);
        Assert.Equal("0,0,0,0,0,0,0,0,1,1,1,1,1,1,2,2,2,2,2,3", table.ToString());
    }

    [Fact]
    public void Compute_ScipyFixture_EqualsBinomPpfForEveryCase()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Fair", "Fixtures", "mtable_scipy.tsv");
        int cases = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith('#') || line.StartsWith("k\t", StringComparison.Ordinal)) continue;
            string[] cols = line.Split('\t');
            int k = int.Parse(cols[0], CultureInfo.InvariantCulture);
            double p = double.Parse(cols[1], CultureInfo.InvariantCulture), alpha = double.Parse(cols[2], CultureInfo.InvariantCulture);
            Assert.True(cols[3] == MTable.Compute(k, p, alpha).ToString(), $"k={k} p={p} alpha={alpha}");
            cases++;
        }
        Assert.True(cases >= 100, $"the fixture has {cases} cases");
    }

    [Theory]
    [InlineData(20, 0.25, 0.1)]
    [InlineData(37, 0.5, 0.05)]
    [InlineData(15, 0.9, 0.3)]
    [InlineData(40, 0.13, 0.01)]
    public void Compute_EqualsExactRationalQuantile(int k, double p, double alpha)
    {
        MTable table = MTable.Compute(k, p, alpha);
        var (pn, pd) = Exact.Rational(p);
        var (an, ad) = Exact.Rational(alpha);
        for (int i = 1; i <= k; i++)
        {
            // smallest m with CDF(m; i, p) >= alpha, all in integers: CDF = sum C(i,j) pn^j (pd-pn)^(i-j) / pd^i
            BigInteger cdf = 0, scale = BigInteger.Pow(pd, i);
            int m = 0;
            for (; m <= i; m++)
            {
                cdf += Exact.Choose(i, m) * BigInteger.Pow(pn, m) * BigInteger.Pow(pd - pn, i - m);
                if (cdf * ad >= an * scale) break;
            }
            Assert.True(Math.Min(m, i) == table.MinimumAt(i), $"prefix {i}: exact {m}, table {table.MinimumAt(i)}");
        }
    }

    [Fact]
    public void FailProbability_EqualsExactRationalDynamicProgramme()
    {
        MTable unadjusted = MTable.Compute(20, 0.25, 0.1);
        Assert.Equal(Exact.FailProbability(Published, 1, 4), unadjusted.FailProbability, 14);
        Assert.Equal(0.146887188699111, unadjusted.FailProbability, 12);
        // fairsearch's adjustment stops at alpha 0.078125 for this case; that table fails about 10.5% of fair rankings.
        MTable fairsearch = MTable.Compute(20, 0.25, 0.078125);
        Assert.Equal(Exact.FailProbability([.. fairsearch.Minimums], 1, 4), fairsearch.FailProbability, 14);
        Assert.InRange(fairsearch.FailProbability, 0.105, 0.1052);
    }

    [Fact]
    public void FailProbability_MatchesSeededMonteCarlo()
    {
        int seed = TestSeed.Next();
        var rng = new Random(seed);
        MTable table = MTable.Compute(30, 0.3, 0.1);
        const int trials = 200_000;
        int failed = 0;
        for (int t = 0; t < trials; t++)
        {
            int protectedSoFar = 0;
            for (int i = 1; i <= table.K; i++)
            {
                if (rng.NextDouble() < table.P) protectedSoFar++;
                if (protectedSoFar < table.MinimumAt(i)) { failed++; break; }
            }
        }
        double estimate = (double)failed / trials, f = table.FailProbability;
        double sigma = Math.Sqrt(f * (1 - f) / trials);
        Assert.True(Math.Abs(estimate - f) < 5 * sigma, $"Monte Carlo {estimate} vs exact {f} (5 sigma = {5 * sigma}), {TestSeed.Describe(seed)}");
    }

    [Fact]
    public void MinimumAt_GrowsByAtMostOnePerPrefix()
    {
        foreach (double p in new[] { 0.1, 0.5, 0.83 })
        {
            MTable t = MTable.Compute(500, p, 0.05);
            for (int i = 1; i <= 500; i++)
                Assert.InRange(t.MinimumAt(i) - t.MinimumAt(i - 1), 0, 1);
        }
    }

    [Theory]
    [InlineData(0, 0.5, 0.1)]
    [InlineData(10, 0, 0.1)]
    [InlineData(10, 1, 0.1)]
    [InlineData(10, 0.5, 0)]
    [InlineData(10, 0.5, 1)]
    [InlineData(10, double.NaN, 0.1)]
    public void Compute_OutOfRange_Throws(int k, double p, double alpha) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MTable.Compute(k, p, alpha));
}
