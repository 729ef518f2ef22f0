using System.Runtime.InteropServices;

namespace LuceneReco.Rankers.Learned.Trees;

/// <summary>
/// One node of a flattened tree (32 bytes, no references). Its two children are adjacent, <see cref="First"/> and
/// <c>First + 1</c>, and the second is always where a missing value goes. The walk takes the first child when
/// <c>(x with its sign bit xor Sign's) &lt; Threshold</c>: a node whose missing values go right stores <c>Sign = +0.0</c> (x as
/// it is) and its split point (left is <c>x &lt; t</c>); a node whose missing values go left stores its children swapped,
/// <c>Sign = -0.0</c> (x negated) and the threshold <c>nextUp(-t)</c>, since <c>x &gt;= t</c> is <c>-x &lt;= -t</c>. NaN fails every comparison, so it reaches the second child
/// without a test. A leaf reads the row's constant-zero column with an infinite threshold and points to itself, so every walk
/// can take the same number of steps without asking whether it has arrived.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TreeNode
{
    /// <summary><see cref="Flags"/>: a value within ±1e-35 of zero counts as missing (LightGBM's missing type Zero).</summary>
    public const int ZeroIsMissing = 1;

    /// <summary><see cref="Flags"/>: the node is a leaf.</summary>
    public const int Leaf = 2;

    /// <summary>LightGBM's kZeroThreshold.</summary>
    public const double ZeroThreshold = 1e-35f;

    /// <summary>The first child is taken when x, its sign bit xor <see cref="Sign"/>'s, is below it.</summary>
    public double Threshold;

    /// <summary>+0.0, or -0.0 (only the sign bit set) when the children are stored right first (missing values go left).</summary>
    public double Sign;

    /// <summary>The feature column read.</summary>
    public int Feature;

    /// <summary>The first child's index in the ensemble's node array; the second child, where missing values go, is the next node.</summary>
    public int First;

    /// <summary><see cref="ZeroIsMissing"/>, <see cref="Leaf"/>.</summary>
    public int Flags;

    /// <summary>Whether the node is a leaf.</summary>
    public readonly bool IsLeaf => (Flags & Leaf) != 0;

    /// <summary>A split node: left when <c>x &lt; threshold</c>, missing values to <paramref name="missingGoesLeft"/>'s side.</summary>
    public static TreeNode Split(int feature, double threshold, bool missingGoesLeft, bool zeroIsMissing, int first) => new()
    {
        Threshold = missingGoesLeft ? Math.BitIncrement(-threshold) : threshold,
        Sign = missingGoesLeft ? -0.0 : 0.0,
        Feature = feature,
        First = first,
        Flags = zeroIsMissing ? ZeroIsMissing : 0,
    };

    /// <summary>A leaf at <paramref name="self"/>, reading the constant-zero column <paramref name="zeroColumn"/>.</summary>
    public static TreeNode LeafAt(int self, int zeroColumn) =>
        new() { Threshold = double.PositiveInfinity, Sign = 0.0, Feature = zeroColumn, First = self, Flags = Leaf };

    /// <summary>The child a value <paramref name="x"/> goes to (a leaf returns itself).</summary>
    public readonly int Next(double x)
    {
        if ((Flags & ZeroIsMissing) != 0 && Math.Abs(x) <= ZeroThreshold) return First + 1;
        double signed = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) ^ BitConverter.DoubleToInt64Bits(Sign));
        return signed < Threshold ? First : First + 1;
    }
}
