using System.Runtime.InteropServices;

namespace LuceneReco.Rankers.Learned.Trees;

/// <summary>
/// One node of a flattened tree (24 bytes, no references). A walk goes to <see cref="Left"/> when <c>x &lt; Threshold</c>,
/// else to <c>Left + 1</c> (the right child always follows the left one), and to <see cref="Missing"/> when x is missing.
/// A leaf reads the row's constant-zero column with an infinite threshold and points to itself, so every walk can take the
/// same number of steps without asking whether it has arrived.
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

    /// <summary>Go left when the value is below it.</summary>
    public double Threshold;

    /// <summary>The feature column read.</summary>
    public int Feature;

    /// <summary>The left child's index in the ensemble's node array; the right child is the next node.</summary>
    public int Left;

    /// <summary>The child taken when the value is missing (<see cref="Left"/> or <c>Left + 1</c>).</summary>
    public int Missing;

    /// <summary><see cref="ZeroIsMissing"/>, <see cref="Leaf"/>.</summary>
    public int Flags;

    /// <summary>Whether the node is a leaf.</summary>
    public readonly bool IsLeaf => (Flags & Leaf) != 0;

    /// <summary>The child a value <paramref name="x"/> goes to.</summary>
    public readonly int Next(double x)
    {
        if (double.IsNaN(x) || ((Flags & ZeroIsMissing) != 0 && Math.Abs(x) <= ZeroThreshold)) return Missing;
        return x < Threshold ? Left : Left + 1;
    }
}
