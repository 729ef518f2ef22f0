namespace LuceneReco.Index.Search;

/// <summary>
/// A sparse, L2-normalised vector: keys sorted ordinally with their weights, as parallel arrays.
/// The cosine of two such vectors is their dot product, computed by a merge of the sorted keys.
/// </summary>
public sealed class SparseVector
{
    /// <summary>An empty vector (cosine 0 with everything).</summary>
    public static readonly SparseVector Empty = new([], []);

    private readonly string[] _keys;
    private readonly float[] _weights;

    /// <summary>Creates a vector from keys (sorted ordinally, distinct) and weights; normalises to unit length.</summary>
    /// <exception cref="ArgumentException">Lengths differ, keys unsorted or repeated, or a weight is negative or not finite.</exception>
    public SparseVector(string[] keys, float[] weights)
    {
        if (keys.Length != weights.Length) throw new ArgumentException("keys and weights differ in length");
        double norm = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (i > 0 && string.CompareOrdinal(keys[i - 1], keys[i]) >= 0) throw new ArgumentException("keys must be sorted ordinally and distinct");
            if (!(weights[i] >= 0) || !float.IsFinite(weights[i])) throw new ArgumentException($"weight of '{keys[i]}' must be finite and >= 0");
            norm += (double)weights[i] * weights[i];
        }
        _keys = keys;
        _weights = (float[])weights.Clone();
        if (norm > 0)
        {
            float inv = (float)(1 / Math.Sqrt(norm));
            for (int i = 0; i < _weights.Length; i++) _weights[i] *= inv;
        }
    }

    /// <summary>The keys, ascending.</summary>
    public ReadOnlySpan<string> Keys => _keys;

    /// <summary>The unit-length weights, parallel to <see cref="Keys"/>.</summary>
    public ReadOnlySpan<float> Weights => _weights;

    /// <summary>Number of non-zero entries.</summary>
    public int Count => _keys.Length;

    /// <summary>The cosine similarity with <paramref name="other"/>: in [0, 1] for non-negative weights.</summary>
    public float Cosine(SparseVector other)
    {
        double dot = 0;
        int i = 0, j = 0;
        var a = _keys;
        var b = other._keys;
        while (i < a.Length && j < b.Length)
        {
            int c = string.CompareOrdinal(a[i], b[j]);
            if (c == 0) { dot += (double)_weights[i++] * other._weights[j++]; }
            else if (c < 0) i++;
            else j++;
        }
        return (float)Math.Min(1.0, dot);
    }
}
