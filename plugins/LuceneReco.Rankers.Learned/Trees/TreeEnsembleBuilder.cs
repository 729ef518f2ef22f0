using System.Globalization;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Trees;

/// <summary>
/// Checks the trees a reader found and flattens them, breadth first, into one array of <see cref="TreeNode"/> with each right
/// child right after its left one. Only nodes reachable from a root are kept (XGBoost leaves pruned nodes in its arrays).
/// Every problem throws <see cref="ModelFormatException"/> naming the file, the tree and the node.
/// </summary>
internal sealed class TreeEnsembleBuilder
{
    /// <summary>The deepest tree served (TreeSHAP's path buffer grows with the square of the depth).</summary>
    public const int MaxDepth = 256;

    private readonly string _path;
    private readonly int _featureCount;
    private readonly List<TreeNode> _nodes = [];
    private readonly List<double> _values = [];
    private readonly List<double> _covers = [];
    private readonly List<int> _roots = [];
    private readonly List<int> _depths = [];
    private readonly List<double> _expected = [];
    private bool _zeroIsMissing;

    public TreeEnsembleBuilder(string path, int featureCount)
    {
        _path = path;
        _featureCount = featureCount;
    }

    public int TreeCount => _roots.Count;

    /// <summary>Adds one tree; <paramref name="nodeName"/> says how the file names a node (e.g. "tree 3 node 7").</summary>
    public void Add(RawTree tree, Func<int, string> nodeName)
    {
        var slots = new List<int> { 0 };   // raw node of each flattened slot, breadth first
        var depth = new List<int> { 0 };
        var firstChild = new List<int> { -1 };
        var seen = new bool[tree.Count];
        seen[0] = true;
        int maxDepth = 0;
        for (int s = 0; s < slots.Count; s++)
        {
            int raw = slots[s];
            Check(tree, raw, nodeName);
            if (tree.IsLeaf[raw]) continue;
            if (depth[s] + 1 > MaxDepth) throw Error(nodeName(raw), Invariant($"the tree is deeper than {MaxDepth} levels, which is not served"));
            firstChild[s] = slots.Count;
            // the second child is where missing values go (see TreeNode)
            int left = tree.Left[raw], right = tree.Right[raw];
            foreach (int child in tree.MissingGoesLeft[raw] ? (ReadOnlySpan<int>)[right, left] : [left, right])
            {
                if ((uint)child >= (uint)tree.Count)
                    throw Error(nodeName(raw), Invariant($"child {child} is out of range (the tree has {tree.Count} nodes)"));
                if (seen[child]) throw Error(nodeName(raw), $"child {nodeName(child)} is reached twice (a cycle or a shared node)");
                seen[child] = true;
                slots.Add(child);
                depth.Add(depth[s] + 1);
                firstChild.Add(-1);
            }
            maxDepth = Math.Max(maxDepth, depth[s] + 1);
        }

        int start = _nodes.Count;
        for (int s = 0; s < slots.Count; s++)
        {
            int raw = slots[s];
            int self = start + s;
            if (tree.IsLeaf[raw])
            {
                _nodes.Add(TreeNode.LeafAt(self, _featureCount));
                _values.Add(tree.Value[raw]);
            }
            else
            {
                _nodes.Add(TreeNode.Split(tree.Feature[raw], tree.Threshold[raw], tree.MissingGoesLeft[raw], tree.ZeroIsMissing[raw], start + firstChild[s]));
                _values.Add(0);
                _zeroIsMissing |= tree.ZeroIsMissing[raw];
            }
            _covers.Add(tree.Cover[raw]);
        }

        // the tree's expected value (what TreeSHAP's bias holds): leaves weighted by cover, bottom up
        var expected = new double[slots.Count];
        for (int s = slots.Count - 1; s >= 0; s--)
        {
            if (tree.IsLeaf[slots[s]]) { expected[s] = tree.Value[slots[s]]; continue; }
            int c = firstChild[s];
            double fFirst = TreeEnsemble.Fraction(_covers[start + c], _covers[start + s]);
            double fSecond = TreeEnsemble.Fraction(_covers[start + c + 1], _covers[start + s]);
            expected[s] = fFirst * expected[c] + fSecond * expected[c + 1];
        }
        _roots.Add(start);
        _depths.Add(maxDepth);
        _expected.Add(expected[0]);
    }

    /// <summary>The ensemble: <c>margin = baseMargin + sum of the trees' leaves</c> (divided by the tree count when <paramref name="average"/>).</summary>
    public TreeEnsemble Build(Objective objective, IReadOnlyList<string>? featureNames, double baseMargin, bool roundInputsToFloat, bool average)
    {
        if (_roots.Count == 0) throw Error(null, "the model has no trees");
        double scale = average ? 1.0 / _roots.Count : 1.0;
        double[] values = [.. _values];
        double[] expected = [.. _expected];
        if (average)
        {
            for (int k = 0; k < values.Length; k++) values[k] *= scale;
            for (int k = 0; k < expected.Length; k++) expected[k] *= scale;
        }
        return new TreeEnsemble(_path, objective, _featureCount, featureNames, [.. _nodes], values, [.. _covers], [.. _roots], [.. _depths],
            expected, baseMargin, roundInputsToFloat, _zeroIsMissing);
    }

    private void Check(RawTree tree, int raw, Func<int, string> nodeName)
    {
        if (!double.IsFinite(tree.Cover[raw]) || tree.Cover[raw] < 0)
            throw Error(nodeName(raw), Invariant($"cover {tree.Cover[raw]} must be a finite number >= 0"));
        if (tree.IsLeaf[raw])
        {
            if (!double.IsFinite(tree.Value[raw])) throw Error(nodeName(raw), Invariant($"leaf value {tree.Value[raw]} is not a finite number"));
            return;
        }
        int f = tree.Feature[raw];
        if ((uint)f >= (uint)_featureCount)
            throw Error(nodeName(raw), Invariant($"split feature {f} is out of range: the model has {_featureCount} features (0 to {_featureCount - 1})"));
        if (double.IsNaN(tree.Threshold[raw])) throw Error(nodeName(raw), "split threshold is NaN");
    }

    private ModelFormatException Error(string? location, string problem) => new(_path, location, problem);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
