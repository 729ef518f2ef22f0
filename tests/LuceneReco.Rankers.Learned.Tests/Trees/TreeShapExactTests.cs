using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Tests.Support;
using LuceneReco.Rankers.Learned.Trees;

namespace LuceneReco.Rankers.Learned.Tests.Trees;

/// <summary>
/// TreeSHAP against the definition: exact Shapley values over all 2^M feature subsets, where the value of a subset S is the
/// tree's expectation with the features of S known (followed) and the others averaged by cover. Random trees that split on the
/// same feature more than once, rows with missing values.
/// </summary>
public sealed class TreeShapExactTests
{
    private const int Features = 5;

    [Fact]
    public void Contributions_RandomTrees_EqualExactShapleyValues()
    {
        int seed = TestSeed.Next();
        var rng = new Random(seed);
        for (int trial = 0; trial < 30; trial++)
        {
            var trees = new List<RawTree>();
            var builder = new TreeEnsembleBuilder("random", Features);
            int count = rng.Next(1, 4);
            for (int t = 0; t < count; t++)
            {
                RawTree tree = RandomTree(rng, depth: rng.Next(1, 6));
                trees.Add(tree);
                builder.Add(tree, n => $"tree {t} node {n}");
            }
            TreeEnsemble ensemble = builder.Build(Objective.RankNdcg, null, baseMargin: 0.25, roundInputsToFloat: false, average: false);
            using var rows = new FeatureMatrix(1, Features);
            for (int f = 0; f < Features; f++) rows[0, f] = rng.NextDouble() < 0.2 ? double.NaN : rng.NextDouble() * 2 - 1;
            double[] x = rows.Row(0).ToArray();

            var phi = new double[Features];
            double bias = ensemble.Contributions(rows, 0, phi);
            double[] exact = ExactShapley(trees, x, out double expected);
            Assert.True(Math.Abs(bias - (0.25 + expected)) < 1e-9, $"{TestSeed.Describe(seed)} trial {trial}: bias {bias}, expected {0.25 + expected}");
            for (int f = 0; f < Features; f++)
                Assert.True(Math.Abs(phi[f] - exact[f]) < 1e-9, $"{TestSeed.Describe(seed)} trial {trial} feature {f}: TreeSHAP {phi[f]:R}, exact {exact[f]:R}");
        }
    }

    private static RawTree RandomTree(Random rng, int depth)
    {
        int capacity = (1 << (depth + 1)) - 1;
        var tree = new RawTree(capacity);
        int next = 1;
        Grow(0, 0);
        return tree;

        double Grow(int node, int level)
        {
            if (level == depth || (level > 0 && rng.NextDouble() < 0.25))
            {
                tree.IsLeaf[node] = true;
                tree.Value[node] = Math.Round(rng.NextDouble() * 2 - 1, 3);
                return tree.Cover[node] = rng.Next(1, 20);
            }
            tree.Feature[node] = rng.Next(Features);
            tree.Threshold[node] = rng.NextDouble() * 2 - 1;
            tree.MissingGoesLeft[node] = rng.NextDouble() < 0.5;
            tree.Left[node] = next++;
            tree.Right[node] = next++;
            return tree.Cover[node] = Grow(tree.Left[node], level + 1) + Grow(tree.Right[node], level + 1);
        }
    }

    private static double[] ExactShapley(List<RawTree> trees, double[] x, out double expected)
    {
        var value = new double[1 << Features];
        for (int s = 0; s < value.Length; s++)
            foreach (RawTree t in trees) value[s] += Conditional(t, 0, x, s);
        expected = value[0];
        var phi = new double[Features];
        for (int i = 0; i < Features; i++)
            for (int s = 0; s < value.Length; s++)
            {
                if ((s & (1 << i)) != 0) continue;
                int size = System.Numerics.BitOperations.PopCount((uint)s);
                phi[i] += Factorial(size) * Factorial(Features - size - 1) / Factorial(Features) * (value[s | (1 << i)] - value[s]);
            }
        return phi;
    }

    /// <summary>E[tree | the features in <paramref name="known"/> as in x]: known splits are followed, unknown ones averaged by cover.</summary>
    private static double Conditional(RawTree t, int node, double[] x, int known)
    {
        if (t.IsLeaf[node]) return t.Value[node];
        int l = t.Left[node], r = t.Right[node];
        if ((known & (1 << t.Feature[node])) != 0)
        {
            double v = x[t.Feature[node]];
            bool left = double.IsNaN(v) ? t.MissingGoesLeft[node] : v < t.Threshold[node];
            return Conditional(t, left ? l : r, x, known);
        }
        return (t.Cover[l] * Conditional(t, l, x, known) + t.Cover[r] * Conditional(t, r, x, known)) / t.Cover[node];
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
