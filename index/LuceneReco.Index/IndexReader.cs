using LuceneReco.Index.Documents;
using LuceneReco.Index.Segments;
using LuceneReco.Index.Store;
using LuceneReco.Index.Vectors;

namespace LuceneReco.Index;

/// <summary>
/// A point-in-time view of an index: searches see exactly the documents live when it was opened,
/// whatever writes happen afterwards. Thread-safe. Doc numbers are global: segment base + local doc,
/// in insertion order. Segments are memory-mapped and shared (reference-counted) with other readers of the
/// same index and with the writer; <see cref="Dispose"/> releases this reader's references once no search or
/// read running on it still uses them, and every later call throws <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class IndexReader : IDisposable
{
    private readonly LeafReader[] _leaves;
    private readonly int[] _bases;

    internal IndexReader(string directory, IndexSchema schema, long generation,
        IReadOnlyList<(SegmentCore Core, LiveDocs Live, SegmentVectors? Vectors)> segments,
        VectorSpace? vectorSpace = null, IReadOnlyList<CorruptIndexException>? vectorProblems = null)
    {
        Directory = directory;
        Schema = schema;
        Generation = generation;
        VectorSpace = vectorSpace;
        VectorProblems = vectorProblems ?? [];
        _leaves = new LeafReader[segments.Count];
        _bases = new int[segments.Count];
        int docBase = 0, live = 0, withVectors = 0;
        for (int i = 0; i < segments.Count; i++)
        {
            var (core, liveDocs, vectors) = segments[i];
            if (!core.TryIncRef())
            {
                for (int j = 0; j < i; j++) _leaves[j].Core.DecRef();
                throw new ObjectDisposedException($"segment {core.Name}", "the segment was released by every reader and writer that held it");
            }
            _leaves[i] = new LeafReader(core, liveDocs, docBase, vectors);
            _bases[i] = docBase;
            docBase += core.MaxDoc;
            live += core.MaxDoc - liveDocs.DeletedCount;
            if (vectors is not null)
                for (int d = 0; d < core.MaxDoc; d++) if (vectors.Has(d) && liveDocs.IsLive(d)) withVectors++;
        }
        MaxDoc = docBase;
        NumDocs = live;
        VectorCount = withVectors;
    }

    /// <summary>Opens the last commit of the index at <paramref name="directory"/>.</summary>
    /// <exception cref="IndexNotFoundException">There is no commit.</exception>
    /// <exception cref="CorruptIndexException">A file is damaged (the exception names it).</exception>
    public static IndexReader Open(string directory) => OpenCommit(Path.GetFullPath(directory), null);

    /// <summary>A reader of the newest commit, reusing this reader's loaded segments; this reader if nothing changed.</summary>
    public IndexReader Reopen()
    {
        if (CommitPoint.LatestGeneration(Directory) == Generation) return this;
        return OpenCommit(Directory, this);
    }

    /// <summary>
    /// Opens the newest commit. A writer in another process (or another writer object) may commit and delete the files of
    /// segments it merged away while this opens them; then a newer commit is already there, and opening starts again from
    /// it, as Lucene's FindSegmentsFile retries. A file missing from the newest commit is damage and is reported.
    /// </summary>
    private static IndexReader OpenCommit(string directory, IndexReader? previous)
    {
        for (int attempt = 0; ; attempt++)
        {
            CommitPoint? commit = null;
            var cores = previous?._leaves.Where(l => l.Core.IsOpen).ToDictionary(l => l.Core.Name, l => l.Core) ?? new Dictionary<string, SegmentCore>();
            var loaded = new List<SegmentCore>();
            try
            {
                commit = CommitPoint.ReadLatest(directory); // its segments_N may itself be deleted between listing and reading
                return OpenCommit(directory, previous, commit, cores, loaded);
            }
            catch (CorruptIndexException e) when (e.IsMissingFile && attempt < MaxOpenRetries
                && CommitPoint.LatestGeneration(directory) is var latest && latest > 0 && latest != commit?.Generation)
            {
                // superseded while opening: go again from the newer commit
            }
            finally
            {
                // the new reader holds its own references; drop the ones Load gave us (on failure this unmaps them)
                foreach (var core in loaded) core.DecRef();
            }
        }
    }

    private const int MaxOpenRetries = 20;


    private static IndexReader OpenCommit(string directory, IndexReader? previous, CommitPoint commit,
        Dictionary<string, SegmentCore> cores, List<SegmentCore> loaded)
    {
        var oldVectors = new Dictionary<string, SegmentVectors>(StringComparer.Ordinal);
        if (previous is not null)
            foreach (var l in previous._leaves)
                if (l.Vectors is { } v && previous._vectorFiles.TryGetValue(l.Core.Name, out var file)) oldVectors[file] = v;
        var segments = new List<(SegmentCore, LiveDocs, SegmentVectors?)>();
        var problems = new List<CorruptIndexException>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var info in commit.Segments)
        {
            if (!cores.TryGetValue(info.Name, out var core))
            {
                core = SegmentCore.Load(directory, info, commit.Schema);
                loaded.Add(core);
            }
            var live = info.DeletesFile is { } del
                ? LiveDocs.Read(Path.Combine(directory, del), info.MaxDoc, info.DelCount)
                : new LiveDocs(info.MaxDoc);
            SegmentVectors? vectors = null;
            if (info.VectorsFile is { } vec && commit.Vectors is { } space)
            {
                files[info.Name] = vec;
                if (!oldVectors.TryGetValue(vec, out vectors))
                {
                    // A damaged vectors file costs only semantic recall: the reader opens, lexical recall serves, and the problem is reported.
                    try { vectors = SegmentVectors.Read(Path.Combine(directory, vec), space, info.MaxDoc).Share(); }
                    catch (CorruptIndexException e) { problems.Add(e); }
                }
            }
            segments.Add((core, live.Share(), vectors));
        }
        return new IndexReader(directory, commit.Schema, commit.Generation, segments, commit.Vectors, problems) { _vectorFiles = files };
    }

    private Dictionary<string, string> _vectorFiles = new(StringComparer.Ordinal);

    /// <summary>The space of the index's dense vectors, or null when it has none.</summary>
    public VectorSpace? VectorSpace { get; }

    /// <summary>Live documents that have a dense vector.</summary>
    public int VectorCount { get; }

    /// <summary>Vectors files that could not be read (each names its file); their segments' documents have no vectors in this view.</summary>
    public IReadOnlyList<CorruptIndexException> VectorProblems { get; }

    /// <summary>Whether doc <paramref name="doc"/> has a dense vector in this view.</summary>
    public bool HasVector(int doc)
    {
        var leaf = LeafOf(doc, out int local);
        return leaf.Vectors is { } v && v.Has(local);
    }

    /// <summary>The unit-length dense vector of doc <paramref name="doc"/>, or an empty span when it has none.</summary>
    public ReadOnlySpan<float> Vector(int doc)
    {
        var leaf = LeafOf(doc, out int local);
        return leaf.Vectors is { } v ? v.Get(local) : default;
    }

    /// <summary>The index directory.</summary>
    public string Directory { get; }

    /// <summary>The schema.</summary>
    public IndexSchema Schema { get; }

    /// <summary>The commit generation this reader started from (an NRT reader may also see uncommitted changes).</summary>
    public long Generation { get; }

    /// <summary>One more than the largest doc number.</summary>
    public int MaxDoc { get; }

    /// <summary>Live documents.</summary>
    public int NumDocs { get; }

    /// <summary>The segments, in doc order.</summary>
    internal ReadOnlySpan<LeafReader> Leaves => _leaves;

    /// <summary>Size figures (bytes are those of the segments' files).</summary>
    public IndexStats Stats => new(_leaves.Length, NumDocs, MaxDoc - NumDocs, _leaves.Sum(l => l.Core.Bytes), Generation);

    /// <summary>The schema field number of <paramref name="field"/>; throws <see cref="ArgumentException"/> for an unknown field.</summary>
    public int FieldNumber(string field)
    {
        for (int i = 0; i < Schema.Fields.Count; i++) if (Schema.Fields[i].Name == field) return i;
        throw new ArgumentException($"Unknown field '{field}' (fields: {string.Join(", ", Schema.Fields.Select(f => f.Name))}).", nameof(field));
    }

    /// <summary>The doc number of the live document with this id, or -1.</summary>
    public int DocOf(string id)
    {
        using var lease = Acquire();
        for (int i = _leaves.Length - 1; i >= 0; i--)
        {
            var leaf = _leaves[i];
            int d = leaf.Core.DocOf(id);
            if (d >= 0 && leaf.Live.IsLive(d)) return leaf.DocBase + d;
        }
        return -1;
    }

    /// <summary>Whether doc <paramref name="doc"/> is live in this view.</summary>
    public bool IsLive(int doc)
    {
        var leaf = LeafOf(doc, out int local);
        return leaf.Live.IsLive(local);
    }

    /// <summary>The id of doc <paramref name="doc"/>.</summary>
    public string IdOf(int doc)
    {
        using var lease = Acquire();
        var leaf = LeafOf(doc, out int local);
        return leaf.Core.IdOf(local);
    }

    /// <summary>The stored fields of doc <paramref name="doc"/> (id, stored text/keyword values and numbers).</summary>
    public Document Stored(int doc)
    {
        using var lease = Acquire();
        var leaf = LeafOf(doc, out int local);
        var d = new Document(leaf.Core.IdOf(local));
        leaf.Core.ReadStored(local, d);
        return d;
    }

    /// <summary>Documents (live or deleted, as Lucene counts) containing <paramref name="term"/> in <paramref name="field"/>.</summary>
    public int DocFreq(string field, string term) => DocFreq(FieldNumber(field), term);

    internal int DocFreq(int field, ReadOnlySpan<char> term)
    {
        using var lease = Acquire();
        int df = 0;
        foreach (var leaf in _leaves)
            if (leaf.Core.Fields[field] is { } t && t.Ordinal(term) is >= 0 and var o) df += t.DocFreq(o);
        return df;
    }

    /// <summary>Total occurrences of <paramref name="term"/> in <paramref name="field"/>.</summary>
    public long TotalTermFreq(string field, string term)
    {
        int f = FieldNumber(field);
        using var lease = Acquire();
        long ttf = 0;
        foreach (var leaf in _leaves)
            if (leaf.Core.Fields[f] is { } t && t.Ordinal(term) is >= 0 and var o) ttf += t.TotalTermFreq(o);
        return ttf;
    }

    /// <summary>Documents that have at least one term in <paramref name="field"/>.</summary>
    public int DocCount(string field) => DocCount(FieldNumber(field));

    internal int DocCount(int field)
    {
        int n = 0;
        foreach (var leaf in _leaves) if (leaf.Core.Fields[field] is { } t) n += t.DocCount;
        return n;
    }

    /// <summary>The sum of all field lengths of <paramref name="field"/>.</summary>
    public long SumTotalTermFreq(string field)
    {
        int f = FieldNumber(field);
        long n = 0;
        foreach (var leaf in _leaves) if (leaf.Core.Fields[f] is { } t) n += t.SumTotalTermFreq;
        return n;
    }

    /// <summary>The length of <paramref name="field"/> in <paramref name="doc"/> as its norm encodes it (Lucene's lossy byte).</summary>
    public int FieldLength(int doc, string field)
    {
        using var lease = Acquire();
        var leaf = LeafOf(doc, out int local);
        return leaf.Core.Norms[FieldNumber(field)] is { } norms ? SmallFloat.Byte4ToInt(norms[local]) : 0;
    }

    /// <summary>The term vector of <paramref name="field"/> in <paramref name="doc"/>, terms ascending; empty when it has none.</summary>
    public IReadOnlyList<TermVectorEntry> TermVector(int doc, string field)
    {
        int f = FieldNumber(field);
        if (!Schema.Fields[f].TermVectors) throw new ArgumentException($"Field '{field}' has no term vectors.", nameof(field));
        using var lease = Acquire();
        var leaf = LeafOf(doc, out int local);
        int[] ords = [], freqs = [];
        int n = leaf.Core.TermVector(local, f, ref ords, ref freqs);
        var terms = leaf.Core.Fields[f]!;
        var result = new TermVectorEntry[n];
        for (int i = 0; i < n; i++) result[i] = new TermVectorEntry(terms.Term(ords[i]), freqs[i]);
        return result;
    }

    [ThreadStatic] private static int[]? _ords, _freqs;

    /// <summary>
    /// How often <paramref name="term"/> (analysed) occurs in <paramref name="field"/> of <paramref name="doc"/>, 0 when not:
    /// from the term vector when the field keeps them, else by walking the term's postings.
    /// </summary>
    public int Freq(int doc, string field, string term)
    {
        int f = FieldNumber(field);
        using var lease = Acquire();
        var leaf = LeafOf(doc, out int local);
        if (leaf.Core.Fields[f] is not { } terms) return 0;
        int ord = terms.Ordinal(term);
        if (ord < 0) return 0;
        if (Schema.Fields[f].TermVectors)
        {
            _ords ??= new int[64];
            _freqs ??= new int[64];
            int n = leaf.Core.TermVector(local, f, ref _ords, ref _freqs);
            int at = Array.BinarySearch(_ords, 0, n, ord);
            return at >= 0 ? _freqs[at] : 0;
        }
        var postings = new PostingsCursor(leaf.Core.DocData, terms, ord);
        while (postings.NextDoc())
        {
            if (postings.Doc == local) return postings.Freq;
            if (postings.Doc > local) break;
        }
        return 0;
    }

    /// <summary>The number in <paramref name="field"/> of <paramref name="doc"/>, or null when it has none.</summary>
    public double? Number(int doc, string field)
    {
        using var lease = Acquire();
        var leaf = LeafOf(doc, out int local);
        return leaf.Core.Numbers[FieldNumber(field)] is { } v && !double.IsNaN(v[local]) ? v[local] : null;
    }

    internal LeafReader LeafOf(int doc, out int local)
    {
        if ((uint)doc >= (uint)MaxDoc) throw new ArgumentOutOfRangeException(nameof(doc), doc, $"doc must be 0 to {MaxDoc - 1}");
        int i = Array.BinarySearch(_bases, doc);
        if (i < 0) i = ~i - 1;
        while (i + 1 < _bases.Length && _bases[i + 1] == doc) i++; // skip empty segments
        local = doc - _bases[i];
        return _leaves[i];
    }

    private int _refs = 1;
    private int _disposed;

    /// <summary>
    /// Keeps the segments mapped while a search or read runs on this reader; throws <see cref="ObjectDisposedException"/>
    /// once the reader is disposed. Dispose the lease when done (a using declaration).
    /// </summary>
    internal Lease Acquire()
    {
        while (true)
        {
            int n = Volatile.Read(ref _refs);
            if (n <= 0 || Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(IndexReader), "the index reader was disposed");
            if (Interlocked.CompareExchange(ref _refs, n + 1, n) == n) return new Lease(this);
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _refs) != 0) return;
        foreach (var leaf in _leaves) leaf.Core.DecRef();
    }

    /// <summary>A reference held for the length of one operation (see <see cref="Acquire"/>).</summary>
    internal readonly struct Lease(IndexReader reader) : IDisposable
    {
        public void Dispose() => reader?.Release();
    }

    /// <summary>
    /// Releases this reader's references to its segments (unmapping those no other reader or writer holds) as soon as
    /// the searches and reads running on it finish. Later calls throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        Release();
    }
}
