using System.Numerics.Tensors;
using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Diversity.Vectors;

/// <summary>
/// One request's candidates' embedding vectors (unit length, from the catalogue's <see cref="IItemVectors"/>), in one
/// array; a candidate without a vector has a zero row, so its cosine with every other is 0 (which keeps the similarity
/// positive semi-definite). Immutable.
/// </summary>
internal sealed class DenseVectors
{
    private readonly float[] _data;
    private readonly bool[] _has;

    private DenseVectors(float[] data, bool[] has, int dimension)
    {
        _data = data;
        _has = has;
        Dimension = dimension;
    }

    public int Count => _has.Length;

    public int Dimension { get; }

    /// <summary>How many candidates have a vector.</summary>
    public int WithVectors => _has.Count(h => h);

    /// <summary>The candidates' vectors, or null when the catalogue has none (no <see cref="IItemVectors"/>, or an index without vectors).</summary>
    public static DenseVectors? Read(IItemCatalog items, IReadOnlyList<string> ids, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(ids);
        if (items is not IItemVectors { VectorDimension: > 0 and var dim } vectors) return null;
        var data = new float[ids.Count * dim];
        var has = new bool[ids.Count];
        for (int i = 0; i < ids.Count; i++)
        {
            if ((i & 63) == 0) cancellation.ThrowIfCancellationRequested();
            has[i] = vectors.TryCopyVector(ids[i], data.AsSpan(i * dim, dim));
        }
        return new DenseVectors(data, has, dim);
    }

    /// <summary>From vectors given directly (tests); each row is normalised, a null row has no vector.</summary>
    public static DenseVectors Of(IReadOnlyList<float[]?> rows, int dimension)
    {
        var data = new float[rows.Count * dimension];
        var has = new bool[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row) continue;
            float norm = TensorPrimitives.Norm(row);
            TensorPrimitives.Divide(row, norm, data.AsSpan(i * dimension, dimension));
            has[i] = true;
        }
        return new DenseVectors(data, has, dimension);
    }

    /// <summary>The cosine of candidates <paramref name="a"/> and <paramref name="b"/>; 0 when either has no vector.</summary>
    public double Dot(int a, int b) =>
        _has[a] && _has[b] ? TensorPrimitives.Dot(_data.AsSpan(a * Dimension, Dimension), _data.AsSpan(b * Dimension, Dimension)) : 0;
}
