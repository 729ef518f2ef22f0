namespace LuceneReco.Rankers.Learned.Trees;

/// <summary>
/// A tree as a reader found it, in the file's own node numbering, before it is checked and flattened by
/// <see cref="TreeEnsembleBuilder"/>. Node 0 is the root. Thresholds are already "go left when x &lt; threshold".
/// </summary>
internal sealed class RawTree
{
    public RawTree(int nodes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodes);
        IsLeaf = new bool[nodes];
        Left = new int[nodes];
        Right = new int[nodes];
        Feature = new int[nodes];
        Threshold = new double[nodes];
        MissingGoesLeft = new bool[nodes];
        ZeroIsMissing = new bool[nodes];
        Value = new double[nodes];
        Cover = new double[nodes];
    }

    /// <summary>How many nodes, reachable or not.</summary>
    public int Count => IsLeaf.Length;

    public bool[] IsLeaf { get; }

    /// <summary>Children of internal nodes, as node numbers of this tree.</summary>
    public int[] Left { get; }

    public int[] Right { get; }

    public int[] Feature { get; }

    /// <summary>Go left when x &lt; threshold.</summary>
    public double[] Threshold { get; }

    /// <summary>Where a missing value goes.</summary>
    public bool[] MissingGoesLeft { get; }

    /// <summary>Whether a value within ±1e-35 of zero counts as missing (LightGBM's missing type Zero).</summary>
    public bool[] ZeroIsMissing { get; }

    /// <summary>Leaf values (shrinkage applied).</summary>
    public double[] Value { get; }

    /// <summary>How much training data reached each node (XGBoost: sum of hessians; LightGBM: counts), for TreeSHAP.</summary>
    public double[] Cover { get; }
}
