using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;
using LuceneReco.Rankers.Learned.Tests.Support;
using LuceneReco.Rankers.Learned.Trees;

namespace LuceneReco.Rankers.Learned.Tests.Trees;

/// <summary>The flattened, blocked walk against a plain recursive walk of the trees as read, on random trees and awkward values.</summary>
public sealed class TreeEnsembleTests
{
    private const int Features = 4;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Score_RandomTrees_EqualsARecursiveWalk(bool zeroIsMissing)
    {
        int seed = TestSeed.Next();
        var rng = new Random(seed);
        var builder = new TreeEnsembleBuilder("random", Features);
        var trees = new List<RawTree>();
        for (int t = 0; t < 40; t++)
        {
            RawTree tree = RandomTree(rng, rng.Next(0, 8), zeroIsMissing);
            trees.Add(tree);
            builder.Add(tree, n => $"tree {t} node {n}");
        }
        TreeEnsemble ensemble = builder.Build(Objective.RankNdcg, null, baseMargin: 0.5, roundInputsToFloat: false, average: false);
        const int rows = 203; // not a multiple of 4 or of the 64-row block
        double[] awkward = [double.NaN, 0.0, -0.0, 1e-36, double.PositiveInfinity, double.NegativeInfinity, 0.25, -0.25];
        using var matrix = new FeatureMatrix(rows, Features);
        for (int r = 0; r < rows; r++)
            for (int f = 0; f < Features; f++)
                matrix[r, f] = rng.NextDouble() < 0.3 ? awkward[rng.Next(awkward.Length)] : Math.Round(rng.NextDouble() * 2 - 1, 2);
        var margins = new double[rows];
        ensemble.Score(matrix, margins);
        for (int r = 0; r < rows; r++)
        {
            double expected = 0.5;
            foreach (RawTree t in trees) expected += Walk(t, 0, matrix.Row(r));
            Assert.True(Math.Abs(margins[r] - expected) < 1e-12, $"{TestSeed.Describe(seed)} row {r}: {margins[r]:R} vs {expected:R}");
        }
    }

    [Fact]
    public void Score_ValueOnTheThreshold_GoesRightAndNaNGoesTheDefaultWay()
    {
        foreach (bool defaultLeft in new[] { false, true })
        {
            var tree = new RawTree(3);
            tree.Left[0] = 1;
            tree.Right[0] = 2;
            tree.Threshold[0] = 0.5;
            tree.MissingGoesLeft[0] = defaultLeft;
            tree.IsLeaf[1] = tree.IsLeaf[2] = true;
            tree.Value[1] = -1;
            tree.Value[2] = 1;
            tree.Cover[0] = 2;
            tree.Cover[1] = tree.Cover[2] = 1;
            var builder = new TreeEnsembleBuilder("stump", 1);
            builder.Add(tree, n => $"node {n}");
            TreeEnsemble e = builder.Build(Objective.RankNdcg, null, 0, false, false);
            using var rows = new FeatureMatrix(4, 1);
            rows[0, 0] = 0.5;
            rows[1, 0] = Math.BitDecrement(0.5);
            rows[2, 0] = double.NaN;
            rows[3, 0] = double.NegativeInfinity;
            var m = new double[4];
            e.Score(rows, m);
            Assert.Equal([1.0, -1.0, defaultLeft ? -1.0 : 1.0, -1.0], m);
        }
    }

    private static double Walk(RawTree t, int node, ReadOnlySpan<double> x)
    {
        if (t.IsLeaf[node]) return t.Value[node];
        double v = x[t.Feature[node]];
        bool missing = double.IsNaN(v) || (t.ZeroIsMissing[node] && Math.Abs(v) <= 1e-35f);
        bool left = missing ? t.MissingGoesLeft[node] : v < t.Threshold[node];
        return Walk(t, left ? t.Left[node] : t.Right[node], x);
    }

    private static RawTree RandomTree(Random rng, int depth, bool zeroIsMissing)
    {
        var tree = new RawTree((1 << (depth + 1)) - 1);
        int next = 1;
        Grow(0, 0);
        return tree;

        void Grow(int node, int level)
        {
            tree.Cover[node] = 1;
            if (level == depth || (level > 0 && rng.NextDouble() < 0.2))
            {
                tree.IsLeaf[node] = true;
                tree.Value[node] = Math.Round(rng.NextDouble() * 2 - 1, 3);
                return;
            }
            tree.Feature[node] = rng.Next(Features);
            tree.Threshold[node] = rng.NextDouble() < 0.2 ? 0.0 : Math.Round(rng.NextDouble() * 2 - 1, 2);
            tree.MissingGoesLeft[node] = rng.NextDouble() < 0.5;
            tree.ZeroIsMissing[node] = zeroIsMissing && rng.NextDouble() < 0.5;
            tree.Left[node] = next++;
            tree.Right[node] = next++;
            Grow(tree.Left[node], level + 1);
            Grow(tree.Right[node], level + 1);
        }
    }
}
