using System.Buffers;
using System.Numerics.Tensors;
using LuceneReco.Index.Search;

namespace LuceneReco.Index.Vectors;

/// <summary>
/// Nearest neighbours by cosine over an index's dense vectors (the stored vectors are unit length, so the dot product is
/// the cosine). A segment with fewer than <see cref="VectorSearchOptions.ApproximateAbove"/> vectors is scanned exactly, one
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> per live document; a larger one is searched
/// through its HNSW graph (<see cref="HnswGraph"/>) once that is built in the background, and scanned exactly until then.
/// The filter is applied before a document competes for the top k, never after: a filter that leaves at least k
/// documents always yields k hits. For a filtered search of a large segment the matching documents are counted first; if
/// they are few enough that a scan of them is cheaper than a graph search (below about sqrt(20 * beam * n)), or the
/// graph search visits as many nodes as match without filling k, the segment is scanned exactly (Lucene's filtered kNN
/// search makes the same kind of choice).
/// </summary>
public static class VectorSearch
{
    /// <summary>
    /// The <paramref name="k"/> live documents whose vectors are nearest <paramref name="query"/>, best first (ties by doc number),
    /// among those <paramref name="accept"/> (a doc number predicate; null: all) lets through. Score: the cosine.
    /// TotalHits counts the documents compared. Empty when the index has no vectors.
    /// </summary>
    /// <exception cref="ArgumentException">The query was encoded in another space than the index's vectors, or is zero.</exception>
    public static TopDocs Nearest(IndexReader reader, VectorSpace space, ReadOnlySpan<float> query, int k, Func<int, bool>? accept = null) =>
        Nearest(reader, space, query, k, accept, VectorSearchOptions.Default);

    /// <summary>As <see cref="Nearest(IndexReader, VectorSpace, ReadOnlySpan{float}, int, Func{int, bool})"/>, choosing exact or approximate search by <paramref name="options"/>.</summary>
    public static TopDocs Nearest(IndexReader reader, VectorSpace space, ReadOnlySpan<float> query, int k, Func<int, bool>? accept, VectorSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
                var graph = options.Exact || vectors.Count < options.ApproximateAbove ? null : vectors.Graph(build: true, wait: options.WaitForGraphs);
                if (graph is null || !Approximate(leaf, graph, q, k, accept, options, top)) Scan(leaf, vectors, q, accept, top);
            }
            return top.ToTopDocs();
        }
        finally { ArrayPool<float>.Shared.Return(unit); }
    }

    /// <summary>
    /// Builds now, on the calling thread, the HNSW graph of every segment of <paramref name="reader"/> with at least
    /// <see cref="VectorSearchOptions.ApproximateAbove"/> vectors that has none yet (a warm-up after <c>embed</c>, or a
    /// benchmark), and says how many segments and vectors have a graph and the bytes the graphs take.
    /// </summary>
    public static VectorGraphs Prepare(IndexReader reader, VectorSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= VectorSearchOptions.Default;
        int segments = 0, vectors = 0;
        long bytes = 0;
        foreach (var leaf in reader.Leaves)
        {
            if (leaf.Vectors is not { } v || options.Exact || v.Count < options.ApproximateAbove) continue;
            var graph = v.Graph(build: true, wait: true)!;
            segments++;
            vectors += graph.Count;
            bytes += graph.Bytes;
        }
        return new VectorGraphs(segments, vectors, bytes);
    }

    private static void Scan(LeafReader leaf, SegmentVectors vectors, ReadOnlySpan<float> q, Func<int, bool>? accept, TopKCollector top)
    {
        for (int d = 0; d < leaf.Core.MaxDoc; d++)
        {
            if (!vectors.Has(d) || !leaf.Live.IsLive(d)) continue;
            int doc = leaf.DocBase + d;
            if (accept is not null && !accept(doc)) continue;
            top.Collect(doc, TensorPrimitives.Dot(q, vectors.Get(d)));
        }
    }

    /// <summary>Searches one segment through its graph; false when an exact scan should answer instead (few matches, or the visit limit was reached).</summary>
    private static bool Approximate(LeafReader leaf, HnswGraph graph, ReadOnlySpan<float> q, int k, Func<int, bool>? accept, VectorSearchOptions options, TopKCollector top)
    {
        var live = leaf.Live;
        int docBase = leaf.DocBase;
        int limit = int.MaxValue;
        Func<int, bool>? local = null;
        if (accept is not null)
        {
            var vectors = leaf.Vectors!;
            int[] matches = ArrayPool<int>.Shared.Rent(Math.Max(1, vectors.Count));
            try
            {
                int matching = 0;
                for (int d = 0; d < leaf.Core.MaxDoc; d++)
                    if (vectors.Has(d) && live.IsLive(d) && accept(docBase + d)) matches[matching++] = d;
                // a graph search for a filter that passes a share s of the segment visits about (its unfiltered visits) / s
                // nodes, an exact scan s * n: below about sqrt(20 * beam * n) matches the scan is cheaper (docs/benchmarks.md)
                int beam = Math.Max(k, options.Ef);
                if ((double)matching * matching < 20.0 * beam * vectors.Count)
                {
                    for (int i = 0; i < matching; i++) top.Collect(docBase + matches[i], TensorPrimitives.Dot(q, vectors.Get(matches[i])));
                    return true; // answered exactly from the matches already found
                }
                limit = matching;
            }
            finally { ArrayPool<int>.Shared.Return(matches); }
            local = d => live.IsLive(d) && accept(docBase + d);
        }
        else if (live.DeletedCount > 0)
        {
            local = live.IsLive;
        }
        var hits = graph.Search(q, k, options.Ef, local, limit, out bool complete, out int visited);
        if (!complete || hits.Count < k) return false; // a segment mostly deleted, or a filter the graph could not satisfy
        foreach (var (d, sim) in hits) top.Collect(docBase + d, sim);
        top.AddUncountedHits(Math.Max(0, visited - hits.Count));
        return true;
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

/// <summary>What <see cref="VectorSearch.Prepare"/> found: segments with a graph, the vectors in them, and the graphs' bytes (beside the vectors).</summary>
public readonly record struct VectorGraphs(int Segments, int Vectors, long Bytes);

/// <summary>How <see cref="VectorSearch.Nearest(IndexReader, VectorSpace, ReadOnlySpan{float}, int, Func{int, bool}, VectorSearchOptions)"/> searches.</summary>
public sealed record VectorSearchOptions
{
    /// <summary>The defaults: HNSW for segments of 20,000 vectors or more, beam width 100, graphs built in the background.</summary>
    public static VectorSearchOptions Default { get; } = new();

    /// <summary>
    /// A segment with at least this many vectors is searched through its HNSW graph (once built); smaller ones are scanned
    /// exactly, which is as fast there (docs/benchmarks.md, "Embedding and vector search").
    /// </summary>
    /// <value>The default is 20,000.</value>
    public int ApproximateAbove { get; init; } = 20_000;

    /// <summary>The graph search's beam width (at least k is used): larger finds more of the true nearest, slower.</summary>
    /// <value>The default is 100.</value>
    public int Ef { get; init; } = 100;

    /// <summary>Scan every segment exactly (no graph).</summary>
    public bool Exact { get; init; }

    /// <summary>Build a missing graph now, on the calling thread, instead of scanning while it builds in the background.</summary>
    public bool WaitForGraphs { get; init; }
}
