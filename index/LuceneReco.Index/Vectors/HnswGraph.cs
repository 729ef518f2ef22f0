using System.Numerics.Tensors;

namespace LuceneReco.Index.Vectors;

/// <summary>
/// A hierarchical navigable small-world graph over one segment's unit vectors, for approximate nearest neighbours by
/// cosine (Malkov and Yashunin, "Efficient and robust approximate nearest neighbor search using Hierarchical Navigable
/// Small World graphs", 2016/2018): each vector is a node on layer 0 and, with probability falling by a factor M per
/// layer, on the layers above; a search descends greedily from the top and then runs a beam of width ef on layer 0.
/// A new node's M neighbours are chosen by the paper's heuristic (a candidate is kept only if it is closer to the new node
/// than to every neighbour kept so far); the links back to it fill a node's list up to M on the upper layers and 2M on
/// layer 0, and then replace its least similar link.
/// Built once per segment vectors instance (which never changes), single-threaded and seeded, so the same vectors give
/// the same graph; immutable afterwards and safe to search from any number of threads. Memory: about
/// <c>8 * M</c> bytes per vector on layer 0 plus a little for the upper layers, beside the vectors themselves.
/// Filtered search (the idea of Lucene's filtered kNN: traverse every node, collect only accepted ones, stop after a
/// visit limit and let the caller scan exactly) is in <see cref="Search"/>.
/// </summary>
internal sealed class HnswGraph
{
    private readonly SegmentVectors _vectors;
    private readonly int _dimension;
    private readonly int _m;
    private readonly int _m0;
    private readonly int[] _docs;          // node -> doc
    private readonly int[] _links0;        // node * _m0 .. : layer-0 neighbours (nodes)
    private readonly byte[] _count0;       // node -> how many of them
    private readonly int[]?[] _upperLinks; // node -> for levels 1..top: _m slots per level, or null for a layer-0-only node
    private readonly byte[]?[] _upperCount;
    private float[]? _sims0;               // while building: the similarity of each layer-0 link to its node
    private float[]?[]? _simsUpper;        // while building: the same for the upper layers
    private int _entry = -1;
    private int _top = -1;

    private HnswGraph(SegmentVectors vectors, int[] docs, int m)
    {
        _vectors = vectors;
        _dimension = vectors.Space.Dimension;
        _m = m;
        _m0 = 2 * m;
        _docs = docs;
        _links0 = new int[docs.Length * _m0];
        _count0 = new byte[docs.Length];
        _upperLinks = new int[]?[docs.Length];
        _upperCount = new byte[]?[docs.Length];
        _sims0 = new float[_links0.Length];
        _simsUpper = new float[]?[docs.Length];
    }

    /// <summary>How many vectors the graph holds.</summary>
    public int Count => _docs.Length;

    /// <summary>The neighbours a node keeps on the upper layers (twice that on layer 0).</summary>
    public int M => _m;

    /// <summary>The bytes the graph's arrays take beside the vectors.</summary>
    public long Bytes
    {
        get
        {
            long bytes = (long)_links0.Length * sizeof(int) + _count0.Length + _docs.Length * (long)sizeof(int) + _upperLinks.Length * 16L;
            for (int n = 0; n < _upperLinks.Length; n++) if (_upperLinks[n] is { } links) bytes += links.Length * sizeof(int) + _upperCount[n]!.Length + 48;
            return bytes;
        }
    }

    /// <summary>Builds the graph of every vector in <paramref name="vectors"/> (deleted documents too: a search skips them), in doc order.</summary>
    /// <param name="vectors">The segment's vectors, no longer changing.</param>
    /// <param name="m">Neighbours per node on the upper layers (2M on layer 0): 4 to 64.</param>
    /// <param name="efConstruction">The beam width while inserting: at least <paramref name="m"/>.</param>
    /// <param name="seed">Seeds the layer draws.</param>
    /// <param name="cancellation">Stops a build that is no longer wanted.</param>
    public static HnswGraph Build(SegmentVectors vectors, int m = 16, int efConstruction = 100, int seed = 17, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(m, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(efConstruction, m);
        var docs = new int[vectors.Count];
        int n = 0;
        for (int d = 0; d < vectors.MaxDoc; d++) if (vectors.Has(d)) docs[n++] = d;
        var graph = new HnswGraph(vectors, docs, m);
        var random = new Random(seed);
        double levelScale = 1 / Math.Log(m);
        var scratch = new Scratch(docs.Length);
        for (int node = 0; node < docs.Length; node++)
        {
            if ((node & 255) == 0) cancellation.ThrowIfCancellationRequested();
            int level = (int)Math.Min(16, Math.Floor(-Math.Log(1 - random.NextDouble()) * levelScale));
            graph.Insert(node, level, efConstruction, scratch);
        }
        graph._sims0 = null; // only the build needs them
        graph._simsUpper = null;
        return graph;
    }

    /// <summary>The doc of a node.</summary>
    public int DocOf(int node) => _docs[node];

    private ReadOnlySpan<float> VectorOf(int node) => _vectors.Get(_docs[node]);

    private float Similarity(ReadOnlySpan<float> query, int node) => TensorPrimitives.Dot(query, VectorOf(node));

    private Span<int> Links(int node, int level, out int count)
    {
        if (level == 0)
        {
            count = _count0[node];
            return _links0.AsSpan(node * _m0, _m0);
        }
        count = _upperCount[node]![level - 1];
        return _upperLinks[node].AsSpan((level - 1) * _m, _m);
    }

    private Span<float> Sims(int node, int level) =>
        level == 0 ? _sims0.AsSpan(node * _m0, _m0) : _simsUpper![node].AsSpan((level - 1) * _m, _m);

    private void SetCount(int node, int level, int count)
    {
        if (level == 0) _count0[node] = (byte)count;
        else _upperCount[node]![level - 1] = (byte)count;
    }

    private void Insert(int node, int level, int efConstruction, Scratch scratch)
    {
        if (level > 0)
        {
            _upperLinks[node] = new int[level * _m];
            _upperCount[node] = new byte[level];
            _simsUpper![node] = new float[level * _m];
        }
        if (_entry < 0)
        {
            _entry = node;
            _top = level;
            return;
        }
        ReadOnlySpan<float> q = VectorOf(node);
        int entry = _entry;
        float entrySim = Similarity(q, entry);
        for (int l = _top; l > level; l--) (entry, entrySim) = Greedy(q, entry, entrySim, l);
        var found = new List<(int Node, float Sim)>();
        for (int l = Math.Min(level, _top); l >= 0; l--)
        {
            found.Clear();
            Beam(q, [(entry, entrySim)], efConstruction, l, null, int.MaxValue, scratch, found, out _, out _);
            int max = l == 0 ? _m0 : _m;
            var chosen = SelectNeighbours(found, _m); // M for the new node on every layer (as hnswlib); others may link it up to 2M on layer 0
            var mine = Links(node, l, out _);
            var mySims = Sims(node, l);
            for (int i = 0; i < chosen.Count; i++) (mine[i], mySims[i]) = chosen[i];
            SetCount(node, l, chosen.Count);
            foreach (var (neighbour, sim) in chosen) Connect(neighbour, node, sim, l, max);
            (entry, entrySim) = found[0]; // found is best first
        }
        if (level > _top)
        {
            _top = level;
            _entry = node;
        }
    }

    /// <summary>
    /// Adds <paramref name="node"/> to <paramref name="to"/>'s links on <paramref name="level"/>; when they are full it
    /// replaces the least similar link, if the new one is more similar (the links' similarities are kept while building, so
    /// this costs no dot product; re-running the heuristic here cost about five times the build time for the same recall
    /// in our measurements, docs/benchmarks.md).
    /// </summary>
    private void Connect(int to, int node, float sim, int level, int max)
    {
        var links = Links(to, level, out int count);
        var sims = Sims(to, level);
        if (count < max)
        {
            links[count] = node;
            sims[count] = sim;
            SetCount(to, level, count + 1);
            return;
        }
        int worst = 0;
        for (int i = 1; i < count; i++) if (sims[i] < sims[worst]) worst = i;
        if (sim <= sims[worst]) return;
        links[worst] = node;
        sims[worst] = sim;
    }

    /// <summary>
    /// The paper's neighbour heuristic over candidates sorted best first: a candidate joins unless a neighbour already kept
    /// is more similar to it than the new node is, which keeps links pointing in different directions.
    /// </summary>
    private List<(int Node, float Sim)> SelectNeighbours(List<(int Node, float Sim)> sortedBestFirst, int max)
    {
        var kept = new List<(int Node, float Sim)>(max);
        foreach (var candidate in sortedBestFirst)
        {
            if (kept.Count == max) break;
            ReadOnlySpan<float> c = VectorOf(candidate.Node);
            bool diverse = true;
            foreach (var k in kept)
            {
                if (TensorPrimitives.Dot(c, VectorOf(k.Node)) > candidate.Sim) { diverse = false; break; }
            }
            if (diverse) kept.Add(candidate);
        }
        return kept;
    }

    private (int Node, float Sim) Greedy(ReadOnlySpan<float> q, int entry, float sim, int level)
    {
        bool moved = true;
        while (moved)
        {
            moved = false;
            var links = Links(entry, level, out int count);
            for (int i = 0; i < count; i++)
            {
                int next = links[i];
                float s = Similarity(q, next);
                if (s > sim) { sim = s; entry = next; moved = true; }
            }
        }
        return (entry, sim);
    }

    /// <summary>
    /// The beam search of one layer from <paramref name="entries"/>: <paramref name="found"/> gets the best
    /// <paramref name="ef"/> nodes <paramref name="accept"/> lets through (null: all), best first. Every node is
    /// traversed whether accepted or not. Stops early (complete false) after <paramref name="visitLimit"/> similarities.
    /// </summary>
    private void Beam(ReadOnlySpan<float> q, ReadOnlySpan<(int Node, float Sim)> entries, int ef, int level, Func<int, bool>? accept, int visitLimit,
        Scratch scratch, List<(int Node, float Sim)> found, out bool complete, out int visited)
    {
        int stamp = scratch.Next();
        var candidates = scratch.Candidates; // best first: priority -sim
        var results = scratch.Results;       // worst first: priority sim
        candidates.Clear();
        results.Clear();
        visited = 0;
        complete = true;
        foreach (var (node, sim) in entries)
        {
            scratch.Visited[node] = stamp;
            visited++;
            candidates.Enqueue(node, -sim);
            if (accept is null || accept(node)) results.Enqueue(node, sim);
        }
        while (candidates.TryDequeue(out int current, out float negSim))
        {
            if (results.Count >= ef && results.TryPeek(out _, out float worst) && -negSim < worst) break;
            var links = Links(current, level, out int count);
            for (int i = 0; i < count; i++)
            {
                int next = links[i];
                if (scratch.Visited[next] == stamp) continue;
                scratch.Visited[next] = stamp;
                if (++visited > visitLimit)
                {
                    complete = false;
                    goto done;
                }
                float s = Similarity(q, next);
                bool full = results.Count >= ef;
                if (full && results.TryPeek(out _, out float w) && s <= w) continue;
                candidates.Enqueue(next, -s);
                if (accept is null || accept(next))
                {
                    results.Enqueue(next, s);
                    if (results.Count > ef) results.Dequeue();
                }
            }
        }
    done:
        int at = found.Count;
        while (results.TryDequeue(out int node, out float sim)) found.Add((node, sim));
        found.Reverse(at, found.Count - at);
    }

    /// <summary>
    /// The about-<paramref name="k"/> nodes nearest <paramref name="query"/> (unit length) among those whose doc
    /// <paramref name="acceptDoc"/> accepts, best first, as (doc, cosine). <paramref name="complete"/> is false when the
    /// search stopped at <paramref name="visitLimit"/> nodes: the caller should then scan exactly (a selective filter).
    /// <paramref name="visited"/> counts the similarities computed on layer 0.
    /// </summary>
    public List<(int Doc, float Sim)> Search(ReadOnlySpan<float> query, int k, int ef, Func<int, bool>? acceptDoc, int visitLimit, out bool complete, out int visited)
    {
        var results = new List<(int Doc, float Sim)>();
        complete = true;
        visited = 0;
        if (_entry < 0) return results;
        var scratch = Scratch.For(Count);
        int entry = _entry;
        float sim = Similarity(query, entry);
        for (int l = _top; l > 0; l--) (entry, sim) = Greedy(query, entry, sim, l);
        var found = new List<(int Node, float Sim)>();
        Func<int, bool>? accept = acceptDoc is null ? null : node => acceptDoc(_docs[node]);
        Beam(query, [(entry, sim)], Math.Max(ef, k), 0, accept, visitLimit, scratch, found, out complete, out visited);
        for (int i = 0; i < found.Count && i < k; i++) results.Add((_docs[found[i].Node], found[i].Sim));
        return results;
    }

    /// <summary>The visited marks and queues of one thread's searches, reused.</summary>
    private sealed class Scratch(int nodes)
    {
        [ThreadStatic] private static Scratch? _mine;
        private int _stamp;

        public int[] Visited { get; private set; } = new int[nodes];
        public PriorityQueue<int, float> Candidates { get; } = new();
        public PriorityQueue<int, float> Results { get; } = new();

        public static Scratch For(int nodes)
        {
            var scratch = _mine;
            if (scratch is null || scratch.Visited.Length < nodes) _mine = scratch = new Scratch(nodes);
            return scratch;
        }

        public int Next()
        {
            if (++_stamp == int.MaxValue)
            {
                Array.Clear(Visited);
                _stamp = 1;
            }
            return _stamp;
        }
    }
}
