using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using LuceneReco.Rankers.Learned.Features;
using LuceneReco.Rankers.Learned.Models;

namespace LuceneReco.Rankers.Learned.Trees;

/// <summary>
/// Boosted trees flattened into parallel arrays: <c>margin = base + sum over trees of the leaf the row reaches</c>.
/// Scoring walks one tree over four rows at a time, each walk taking the tree's depth in steps (leaves loop to themselves),
/// so the four walks are independent chains the CPU overlaps, and a step has no branch: not "arrived?", not "missing?"
/// (see <see cref="TreeNode"/>). Rows go in blocks of 64 through all trees, so a block's values stay in L1.
/// Contributions are TreeSHAP's (<see cref="TreeShap"/>).
/// </summary>
internal sealed class TreeEnsemble : ScoringModel
{
    /// <summary>Rows scored together by every tree before the next rows (their values stay in L1).</summary>
    private const int RowBlock = 64;

    private readonly TreeNode[] _nodes;
    private readonly double[] _values;
    private readonly double[] _covers;
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly double _bias;
    private readonly bool _zeroIsMissing;

    internal TreeEnsemble(string path, Objective objective, int featureCount, IReadOnlyList<string>? featureNames, TreeNode[] nodes,
        double[] values, double[] covers, int[] roots, int[] depths, double[] expected, double baseMargin, bool roundInputsToFloat,
        bool zeroIsMissing)
        : base(path, objective, featureCount, featureNames)
    {
        _zeroIsMissing = zeroIsMissing;
        _nodes = nodes;
        _values = values;
        _covers = covers;
        _roots = roots;
        _depths = depths;
        BaseMargin = baseMargin;
        RoundInputsToFloat = roundInputsToFloat;
        double bias = baseMargin;
        foreach (double e in expected) bias += e;
        _bias = bias;
        MaxDepth = 0;
        foreach (int d in depths) MaxDepth = Math.Max(MaxDepth, d);
    }

    /// <summary>The margin before any tree (XGBoost's base_score on the margin scale; 0 for LightGBM).</summary>
    public double BaseMargin { get; }

    /// <summary>Whether inputs are rounded to float before the comparisons (XGBoost compares in float).</summary>
    public bool RoundInputsToFloat { get; }

    /// <summary>How many trees.</summary>
    public int TreeCount => _roots.Length;

    /// <summary>How many nodes, over all trees.</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>The deepest tree's depth (a single leaf is depth 0).</summary>
    public int MaxDepth { get; }

    /// <summary>TreeSHAP's bias: the base margin plus every tree's cover-weighted mean leaf.</summary>
    public double ExpectedMargin => _bias;

    internal ReadOnlySpan<TreeNode> Nodes => _nodes;

    internal ReadOnlySpan<double> Values => _values;

    internal ReadOnlySpan<double> Covers => _covers;

    internal ReadOnlySpan<int> Roots => _roots;

    /// <summary>The share of a parent's cover that went to a child; an empty parent splits evenly.</summary>
    public static double Fraction(double childCover, double parentCover) => parentCover > 0 ? childCover / parentCover : 0.5;

    public override void Score(FeatureMatrix rows, Span<double> margins)
    {
        CheckShape(rows, margins, rows.Rows);
        if (RoundInputsToFloat) rows.RoundToFloat();
        margins[..rows.Rows].Fill(BaseMargin);
        if (_zeroIsMissing) Walk<ZeroChecked>(rows, margins);
        else Walk<Comparisons>(rows, margins);
    }

    /// <summary>
    /// Adds every tree's leaf to each row's sum. <typeparamref name="TStep"/> picks the step at JIT time: plain comparisons
    /// (no branch: NaN fails the comparison and lands on the second child), or, when some node treats zero as missing, the checked step.
    /// </summary>
    private void Walk<TStep>(FeatureMatrix rows, Span<double> margins) where TStep : struct
    {
        int n = rows.Rows, stride = rows.Stride;
        ref TreeNode nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref double values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref double data = ref MemoryMarshal.GetReference(rows.Data);
        ref double sums = ref MemoryMarshal.GetReference(margins);
        // blocks of rows small enough to stay in L1 while every tree walks them; each tree stays in L1 across its block
        for (int block = 0; block < n; block += RowBlock)
        {
            int end = Math.Min(n, block + RowBlock);
            for (int t = 0; t < _roots.Length; t++)
            {
                int root = _roots[t], steps = _depths[t];
                int r = block;
                for (; r + 4 <= end; r += 4)
                {
                    ref double x0 = ref Unsafe.Add(ref data, r * stride);
                    ref double x1 = ref Unsafe.Add(ref x0, stride);
                    ref double x2 = ref Unsafe.Add(ref x1, stride);
                    ref double x3 = ref Unsafe.Add(ref x2, stride);
                    int a = root, b = root, c = root, d = root;
                    for (int s = 0; s < steps; s++)
                    {
                        a = Step<TStep>(ref nodes, a, ref x0);
                        b = Step<TStep>(ref nodes, b, ref x1);
                        c = Step<TStep>(ref nodes, c, ref x2);
                        d = Step<TStep>(ref nodes, d, ref x3);
                    }
                    Unsafe.Add(ref sums, r) += Unsafe.Add(ref values, a);
                    Unsafe.Add(ref sums, r + 1) += Unsafe.Add(ref values, b);
                    Unsafe.Add(ref sums, r + 2) += Unsafe.Add(ref values, c);
                    Unsafe.Add(ref sums, r + 3) += Unsafe.Add(ref values, d);
                }
                for (; r < end; r++)
                {
                    ref double x = ref Unsafe.Add(ref data, r * stride);
                    int a = root;
                    for (int s = 0; s < steps; s++) a = Step<TStep>(ref nodes, a, ref x);
                    Unsafe.Add(ref sums, r) += Unsafe.Add(ref values, a);
                }
            }
        }
    }

    public override double Contributions(FeatureMatrix rows, int row, Span<double> contributions)
    {
        CheckShape(rows, contributions, FeatureCount);
        ReadOnlySpan<double> x = rows.Row(row);
        if (RoundInputsToFloat)
        {
            var rounded = new double[x.Length];
            for (int k = 0; k < x.Length; k++) rounded[k] = (float)x[k];
            x = rounded;
        }
        contributions[..FeatureCount].Clear();
        TreeShap.Explain(this, x, contributions);
        return _bias;
    }

    /// <summary>One step of a walk: the node's child for this row (a leaf returns itself).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step<TStep>(ref TreeNode nodes, int i, ref double row) where TStep : struct
    {
        ref TreeNode node = ref Unsafe.Add(ref nodes, i);
        double x = Unsafe.Add(ref row, node.Feature);
        if (typeof(TStep) == typeof(ZeroChecked)) return node.Next(x);
        // NaN fails the comparison: the second child, where missing values go
        double signed = Vector128.Xor(Vector128.CreateScalarUnsafe(x), Vector128.CreateScalarUnsafe(node.Sign)).ToScalar();
        return node.First + (signed < node.Threshold ? 0 : 1);
    }

    /// <summary>The walk's step is one comparison (no node treats zero as missing).</summary>
    private struct Comparisons;

    /// <summary>The walk's step checks for zero-as-missing (LightGBM's missing type Zero).</summary>
    private struct ZeroChecked;
}
