using System.Buffers;
using System.Numerics.Tensors;
using LuceneReco.Index.Search;

namespace LuceneReco.Index.Vectors;

/// <summary>
/// Nearest neighbours by cosine over an index's dense vectors: an exact scan, one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// per live document with a vector (the stored vectors are unit length, so the dot product is the cosine).
/// The filter is applied before a document competes for the top k, never after, so a filter that leaves at
/// least k documents always yields k hits. At 63,666 vectors of 384 dimensions a scan takes a few milliseconds
/// (docs/benchmarks.md), which is why there is no approximate index yet.
/// </summary>
public static class VectorSearch
{
    /// <summary>
    /// The <paramref name="k"/> live documents whose vectors are nearest <paramref name="query"/>, best first (ties by doc number),
    /// among those <paramref name="accept"/> (a doc number predicate; null: all) lets through. Score: the cosine.
    /// TotalHits counts the documents compared. Empty when the index has no vectors.
    /// </summary>
    /// <exception cref="ArgumentException">The query was encoded in another space than the index's vectors, or is zero.</exception>
    public static TopDocs Nearest(IndexReader reader, VectorSpace space, ReadOnlySpan<float> query, int k, Func<int, bool>? accept = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (reader.VectorSpace is not { } indexSpace) return new TopDocs(0, []);
        indexSpace.RequireSame(space, nameof(space));
        var unit = ArrayPool<float>.Shared.Rent(space.Dimension);
        try
        {
            var q = unit.AsSpan(0, space.Dimension);
            SegmentVectors.Normalise(query, q);
            var top = new TopKCollector(k);
            foreach (var leaf in reader.Leaves)
            {
                if (leaf.Vectors is not { } vectors) continue;
                for (int d = 0; d < leaf.Core.MaxDoc; d++)
                {
                    if (!vectors.Has(d) || !leaf.Live.IsLive(d)) continue;
                    int doc = leaf.DocBase + d;
                    if (accept is not null && !accept(doc)) continue;
                    top.Collect(doc, TensorPrimitives.Dot(q, vectors.Get(d)));
                }
            }
            return top.ToTopDocs();
        }
        finally { ArrayPool<float>.Shared.Return(unit); }
    }

    /// <summary>The dot product of two vectors of equal length (the cosine, for the unit vectors the index stores).</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);

    /// <summary><c>into += weight * vector</c>, element by element (vectors of equal length).</summary>
    public static void AddScaled(ReadOnlySpan<float> vector, float weight, Span<float> into) => TensorPrimitives.MultiplyAdd(vector, weight, into, into);

    /// <summary>The Euclidean length of <paramref name="vector"/>.</summary>
    public static float Norm(ReadOnlySpan<float> vector) => TensorPrimitives.Norm(vector);

    /// <summary>The cosine between the vectors of two documents, or null when either has none.</summary>
    public static float? Cosine(IndexReader reader, int a, int b)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var va = reader.Vector(a);
        var vb = reader.Vector(b);
        return va.IsEmpty || vb.IsEmpty ? null : TensorPrimitives.Dot(va, vb);
    }
}
