using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using LuceneReco.Index.Store;

namespace LuceneReco.Index.Vectors;

/// <summary>
/// The dense vectors of one segment: unit-length float32 vectors for some of its documents, in a side file
/// <c>{segment}_{gen}.vec</c> that a commit names like a deletes file, so vectors can be added to a segment
/// after it was written (the embedding job runs after indexing). Instances handed to readers never change
/// again; the writer copies before changing a shared one, as with <see cref="Segments.LiveDocs"/>.
/// File: model, dimension, maxDoc, count, a bit per document (has a vector), then the vectors of the documents
/// that have one, in doc order, as little-endian float32; the usual header and CRC-32 footer.
/// </summary>
internal sealed class SegmentVectors
{
    public const string CodecName = "Seg.vec";
    private readonly float[] _data;
    private readonly ulong[] _has;
    private bool _shared;
    private HnswGraph? _graph;
    private int _graphStarted;
    private readonly object _graphGate = new();

    public SegmentVectors(VectorSpace space, int maxDoc)
        : this(space, maxDoc, new float[CheckedLength(space, maxDoc)], new ulong[(maxDoc + 63) >> 6], 0) { }

    private SegmentVectors(VectorSpace space, int maxDoc, float[] data, ulong[] has, int count)
    {
        Space = space;
        MaxDoc = maxDoc;
        _data = data;
        _has = has;
        Count = count;
    }

    public VectorSpace Space { get; }
    public int MaxDoc { get; }

    /// <summary>Documents (live or deleted) that have a vector.</summary>
    public int Count { get; private set; }

    public bool Has(int doc) => (_has[doc >> 6] & (1UL << doc)) != 0;

    /// <summary>The unit vector of <paramref name="doc"/>, or an empty span when it has none.</summary>
    public ReadOnlySpan<float> Get(int doc) => Has(doc) ? _data.AsSpan(doc * Space.Dimension, Space.Dimension) : default;

    /// <summary>
    /// The approximate-search graph of these vectors once it is built, else null. With <paramref name="build"/> a missing
    /// graph is built: now, on this thread, when <paramref name="wait"/> (tests, benchmarks, warm-up), or else by
    /// <see cref="GraphBuilds"/> in the background, one segment at a time, while the caller scans exactly. Only an
    /// instance a reader has seen (which never changes again) gets a graph.
    /// </summary>
    public HnswGraph? Graph(bool build, bool wait)
    {
        if (Volatile.Read(ref _graph) is { } graph || !build || !_shared) return _graph;
        if (wait)
        {
            lock (_graphGate) return _graph ??= HnswGraph.Build(this);
        }
        if (Interlocked.Exchange(ref _graphStarted, 1) == 0) GraphBuilds.Start(this);
        return null;
    }

    /// <summary>Builds the graph (called once, by <see cref="GraphBuilds"/>).</summary>
    internal void BuildGraph()
    {
        lock (_graphGate) _graph ??= HnswGraph.Build(this);
    }

    /// <summary>Marks this instance as seen by a reader: from now on it must not change.</summary>
    public SegmentVectors Share() { _shared = true; return this; }

    /// <summary>This instance, or a private copy if it was shared.</summary>
    public SegmentVectors Writable() => _shared ? new SegmentVectors(Space, MaxDoc, (float[])_data.Clone(), (ulong[])_has.Clone(), Count) : this;

    /// <summary>Stores <paramref name="vector"/> (any non-zero length; kept normalised to unit length) for <paramref name="doc"/>.</summary>
    public void Set(int doc, ReadOnlySpan<float> vector)
    {
        if (_shared) throw new InvalidOperationException("shared SegmentVectors are immutable; call Writable() first");
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)doc, (uint)MaxDoc, nameof(doc));
        var target = _data.AsSpan(doc * Space.Dimension, Space.Dimension);
        Normalise(vector, target);
        ref ulong word = ref _has[doc >> 6];
        if ((word & (1UL << doc)) == 0) { word |= 1UL << doc; Count++; }
    }

    /// <summary>Writes <paramref name="vector"/> scaled to unit length into <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentException">The vector has the wrong length, a non-finite value, or is all zeros.</exception>
    public static void Normalise(ReadOnlySpan<float> vector, Span<float> target)
    {
        if (vector.Length != target.Length)
            throw new ArgumentException($"The vector has {vector.Length} values; the space has {target.Length} dimensions.", nameof(vector));
        float norm = TensorPrimitives.Norm(vector);
        if (!float.IsFinite(norm) || norm == 0)
            throw new ArgumentException("The vector is all zeros or holds a value that is not a finite number.", nameof(vector));
        TensorPrimitives.Divide(vector, norm, target);
    }

    public void Write(string path)
    {
        using var output = new IndexOutput(path, CodecName);
        output.WriteString(Space.Model);
        output.WriteVInt(Space.Dimension);
        output.WriteVInt(MaxDoc);
        output.WriteVInt(Count);
        foreach (var w in _has) output.WriteInt64((long)w);
        for (int d = 0; d < MaxDoc; d++)
            if (Has(d)) output.WriteBytes(MemoryMarshal.AsBytes(Get(d)));
        output.Complete();
    }

    /// <summary>Reads and verifies a vectors file of a segment with <paramref name="maxDoc"/> documents in <paramref name="space"/>.</summary>
    /// <exception cref="CorruptIndexException">The file is damaged, missing, or disagrees with its commit.</exception>
    public static SegmentVectors Read(string path, VectorSpace space, int maxDoc)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("vector files are read on little-endian machines only");
        var input = IndexInput.Open(path, CodecName);
        string model = input.ReadString();
        int dimension = input.ReadVInt();
        if (model != space.Model || dimension != space.Dimension)
            throw input.Corrupt($"holds vectors of '{model}' ({dimension} dimensions), the commit says {space.Describe()}");
        int stored = input.ReadVInt();
        if (stored != maxDoc) throw input.Corrupt($"holds vectors for {stored} documents, the segment has {maxDoc}");
        int count = input.ReadVInt();
        var has = new ulong[(maxDoc + 63) >> 6];
        int actual = 0;
        for (int i = 0; i < has.Length; i++) { has[i] = (ulong)input.ReadInt64(); actual += System.Numerics.BitOperations.PopCount(has[i]); }
        if (actual != count) throw input.Corrupt($"vector count {count} disagrees with the bits ({actual})");
        var data = new float[CheckedLength(space, maxDoc)];
        var result = new SegmentVectors(space, maxDoc, data, has, count);
        for (int d = 0; d < maxDoc; d++)
        {
            if (!result.Has(d)) continue;
            int at = input.Position;
            var bytes = input.ReadBytes(dimension * sizeof(float));
            var target = data.AsSpan(d * dimension, dimension);
            bytes.CopyTo(MemoryMarshal.AsBytes(target));
            float norm = TensorPrimitives.Norm(target);
            if (!(MathF.Abs(norm - 1) < 1e-3f)) throw new CorruptIndexException(input.Name, at, $"the vector of document {d} is not of unit length");
        }
        input.ExpectEnd();
        return result;
    }

    /// <summary>The vectors of a merged segment: each kept document's vector moved to its new number (<paramref name="docMaps"/>, -1 dropped).</summary>
    public static SegmentVectors? Merge(IReadOnlyList<SegmentVectors?> sources, int[][] docMaps, int maxDoc, VectorSpace? space)
    {
        if (space is null || maxDoc == 0) return null;
        SegmentVectors? merged = null;
        for (int s = 0; s < sources.Count; s++)
        {
            if (sources[s] is not { } src) continue;
            var map = docMaps[s];
            for (int d = 0; d < src.MaxDoc; d++)
            {
                if (map[d] < 0 || !src.Has(d)) continue;
                merged ??= new SegmentVectors(space, maxDoc);
                src.Get(d).CopyTo(merged._data.AsSpan(map[d] * space.Dimension, space.Dimension));
                merged._has[map[d] >> 6] |= 1UL << map[d];
                merged.Count++;
            }
        }
        return merged;
    }

    private static int CheckedLength(VectorSpace space, int maxDoc)
    {
        long length = (long)space.Dimension * maxDoc;
        if (length > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(maxDoc), maxDoc, $"a segment holds at most {Array.MaxLength / space.Dimension} vectors of {space.Dimension} dimensions");
        return (int)length;
    }
}

/// <summary>
/// Builds segments' HNSW graphs off the request path: one background thread at a time (below normal priority where the
/// platform honours it), so a fresh segment's first searches scan exactly and serving keeps a core. A build that fails
/// (it should not: the vectors were verified when read) is reported once on standard error and the segment keeps being
/// scanned exactly. A build still waiting when no reader holds its vectors any more (a newer commit replaced them) is skipped.
/// </summary>
internal static class GraphBuilds
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);
    private static int _running;

    /// <summary>Builds that have not finished yet (tests and benchmarks wait for 0).</summary>
    public static int Running => Volatile.Read(ref _running);

    public static void Start(SegmentVectors vectors)
    {
        Interlocked.Increment(ref _running);
        var wanted = new WeakReference<SegmentVectors>(vectors); // a build still waiting when no reader holds its vectors is skipped
        int count = vectors.Count;
        var thread = new Thread(() =>
        {
            OneAtATime.Wait();
            try
            {
                if (wanted.TryGetTarget(out var target)) target.BuildGraph();
            }
            catch (Exception e) // a background thread's exception would end the process; report it and keep scanning exactly
            {
                Console.Error.WriteLine($"vector graph build failed ({count} vectors); that segment is searched exactly: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                OneAtATime.Release();
                Interlocked.Decrement(ref _running);
            }
        })
        { IsBackground = true, Name = "LuceneReco HNSW build", Priority = ThreadPriority.BelowNormal };
        thread.Start();
    }
}
