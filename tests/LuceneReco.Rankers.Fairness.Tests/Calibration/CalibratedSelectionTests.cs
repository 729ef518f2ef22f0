using LuceneReco.Rankers.Fairness.Calibration;
using LuceneReco.Rankers.Fairness.Tests.Support;

namespace LuceneReco.Rankers.Fairness.Tests.Calibration;

public sealed class CalibratedSelectionTests
{
    [Fact]
    public void Select_SeededRandomLists_KlOfEachPrefixEqualsADenseRecomputation_AndEachPickIsTheGreedyBest()
    {
        int seed = TestSeed.Next();
        var rng = new Random(seed);
        for (int t = 0; t < 30; t++)
        {
            int n = rng.Next(2, 60), g = rng.Next(1, 6), all = g + 2; // categories g..g+1 are not in the history
            var p = new double[g];
            for (int j = 0; j < g; j++) p[j] = 0.1 + rng.NextDouble();
            double total = p.Sum();
            for (int j = 0; j < g; j++) p[j] /= total;
            var dense = new double[n, all]; // each candidate: 0..2 categories, weight split evenly
            var categorised = new bool[n];
            var start = new List<int> { 0 };
            var category = new List<int>();
            var weight = new List<double>();
            var relevance = new double[n];
            for (int c = 0; c < n; c++)
            {
                relevance[c] = rng.NextDouble();
                int[] cats = Enumerable.Range(0, rng.Next(0, 3)).Select(_ => rng.Next(all)).Distinct().ToArray();
                categorised[c] = cats.Length > 0;
                foreach (int j in cats)
                {
                    dense[c, j] = 1.0 / cats.Length;
                    if (j < g) { category.Add(j); weight.Add(1.0 / cats.Length); }
                }
                start.Add(category.Count);
            }
            int k = rng.Next(0, n + 1);
            double lambda = rng.NextDouble(), a = 0.01;
            var kl = new double[n];
            int[] order = CalibratedSelection.Select(relevance, p, [.. start], [.. category], [.. weight], categorised, k, lambda, a, kl);

            string where = $"case {t}, {TestSeed.Describe(seed)}";
            Assert.True(order.Order().SequenceEqual(Enumerable.Range(0, n)), where);
            var chosen = new List<int>();
            for (int i = 0; i < k; i++)
            {
                // Every candidate left, scored by the objective with a dense KL: the pick is the best (first among equals).
                double bestValue = double.NegativeInfinity;
                int best = -1;
                for (int c = 0; c < n; c++)
                {
                    if (chosen.Contains(c)) continue;
                    double value = (1 - lambda) * relevance[c] - lambda * DenseKl(p, dense, [.. chosen, c], categorised, a);
                    if (value > bestValue + 1e-12) { bestValue = value; best = c; }
                }
                Assert.True(best == order[i], $"position {i}: greedy best {best}, selection took {order[i]}; {where}");
                chosen.Add(order[i]);
                Assert.True(Math.Abs(DenseKl(p, dense, chosen, categorised, a) - kl[i]) < 1e-9, where);
            }
            for (int i = k + 1; i < n; i++) Assert.True(order[i] > order[i - 1], where);
        }
    }

    private static double DenseKl(double[] p, double[,] dense, List<int> list, bool[] categorised, double a)
    {
        double count = list.Count(c => categorised[c]), kl = 0;
        for (int j = 0; j < p.Length; j++)
        {
            double q = count > 0 ? list.Sum(c => dense[c, j]) / count : 0;
            kl += p[j] * Math.Log(p[j] / ((1 - a) * q + a * p[j]));
        }
        return kl;
    }
}
