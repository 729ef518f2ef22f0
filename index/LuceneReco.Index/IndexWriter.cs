using System.Globalization;
using LuceneReco.Index.Documents;
using LuceneReco.Index.Segments;
using LuceneReco.Index.Store;
using LuceneReco.Index.Vectors;

namespace LuceneReco.Index;

/// <summary>
/// The single writer of an index directory: buffers added, updated and deleted documents in memory,
/// flushes them to immutable segments, merges segments in the background, and commits durably.
/// Disposing without <see cref="Commit"/> discards uncommitted changes (the last commit stays).
/// Thread-safe: calls are serialized; merges run on a background thread.
/// </summary>
public sealed class IndexWriter : IDisposable
{
    private readonly string _directory;
    private readonly WriteLock _lock;
    private readonly IndexWriterOptions _options;
    private readonly object _sync = new();
    private readonly List<SegmentState> _segments = new();
    private readonly HashSet<string> _mergingNames = new(StringComparer.Ordinal);
    private DocumentsBuffer _buffer;
    private CommitPoint _lastCommit;
    private long _counter;
    private Task? _mergeTask;
    private Exception? _mergeFailure;
    private bool _disposed;
    private VectorSpace? _vectorSpace;
    private readonly List<CorruptIndexException> _vectorProblems = new();

    private IndexWriter(string directory, WriteLock writeLock, IndexWriterOptions options, CommitPoint commit)
    {
        _directory = directory;
        _lock = writeLock;
        _options = options;
        _lastCommit = commit;
        _counter = commit.SegmentCounter;
        Schema = commit.Schema;
        _vectorSpace = commit.Vectors;
        _buffer = new DocumentsBuffer(Schema);
    }

    /// <summary>Opens (or creates, when <paramref name="options"/> carries a schema) the index at <paramref name="directory"/> and takes its write lock.</summary>
    /// <exception cref="IndexLockedException">Another live writer holds the lock.</exception>
    /// <exception cref="IndexNotFoundException">No index exists and no schema was given.</exception>
    /// <exception cref="CorruptIndexException">A file of the last commit is damaged.</exception>
    public static IndexWriter Open(string directory, IndexWriterOptions? options = null)
    {
        options ??= new IndexWriterOptions();
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("Invalid writer options: " + string.Join("; ", errors), nameof(options));
        directory = Path.GetFullPath(directory);
        bool existed = CommitPoint.LatestGeneration(directory) > 0;
        if (!existed && options.Schema is null) throw new IndexNotFoundException(directory);
        System.IO.Directory.CreateDirectory(directory);
        var writeLock = WriteLock.Acquire(directory);
        try
        {
            CommitPoint commit;
            if (CommitPoint.LatestGeneration(directory) > 0)
            {
                commit = CommitPoint.ReadLatest(directory);
                if (options.Schema is not null && options.Schema.ToJson() != commit.Schema.ToJson())
                    throw new ArgumentException($"The index at '{directory}' has a different schema than the one given.", nameof(options));
            }
            else
            {
                commit = new CommitPoint(1, 0, options.Schema!, []);
                commit.Write(directory);
            }
            var writer = new IndexWriter(directory, writeLock, options, commit);
            foreach (var info in commit.Segments)
            {
                var state = LoadState(directory, info, commit.Schema);
                writer.LoadVectors(state, commit.Vectors);
                writer._segments.Add(state);
            }
            writer.DeleteUnreferencedFiles();
            return writer;
        }
        catch
        {
            writeLock.Dispose();
            throw;
        }
    }

    internal static SegmentState LoadState(string directory, SegmentInfo info, IndexSchema schema)
    {
        var core = SegmentCore.Load(directory, info, schema);
        var live = info.DeletesFile is { } del
            ? LiveDocs.Read(Path.Combine(directory, del), info.MaxDoc, info.DelCount)
            : new LiveDocs(info.MaxDoc);
        return new SegmentState(info, core, live);
    }

    /// <summary>
    /// Loads the segment's vectors. A damaged vectors file is dropped (reported in <see cref="VectorProblems"/>): the segment's
    /// documents count as having no vector, so the embedding job computes them again, and the next commit stops naming the file.
    /// </summary>
    private void LoadVectors(SegmentState state, VectorSpace? space)
    {
        if (state.Info.VectorsFile is not { } file || space is null) return;
        try { state.Vectors = SegmentVectors.Read(Path.Combine(_directory, file), space, state.Info.MaxDoc); }
        catch (CorruptIndexException e)
        {
            _vectorProblems.Add(e);
            state.Info = state.Info with { VecGen = 0 };
        }
    }

    /// <summary>The schema of the index.</summary>
    public IndexSchema Schema { get; }

    /// <summary>The space of the index's dense vectors (the first <see cref="SetVector"/> sets it), or null when it has none.</summary>
    public VectorSpace? VectorSpace
    {
        get { lock (_sync) return _vectorSpace; }
    }

    /// <summary>Vectors files of the last commit that were damaged when the writer opened; their documents lost their vectors.</summary>
    public IReadOnlyList<CorruptIndexException> VectorProblems
    {
        get { lock (_sync) return _vectorProblems.ToArray(); }
    }

    /// <summary>
    /// Stores the dense vector of the live document <paramref name="id"/> (normalised to unit length), replacing any it had.
    /// An update of the document drops it: the new version has no vector until one is set. Returns false when no live
    /// document has this id.
    /// </summary>
    /// <exception cref="ArgumentException">The index holds vectors of another space, or the vector does not fit <paramref name="space"/> or is zero.</exception>
    public bool SetVector(string id, VectorSpace space, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(space);
        if (vector.Length != space.Dimension)
            throw new ArgumentException($"The vector has {vector.Length} values; {space.Describe()} has {space.Dimension}.", nameof(vector));
        lock (_sync)
        {
            CheckOpen();
            _vectorSpace?.RequireSame(space, nameof(space));
            if (_buffer.DocOf(id) >= 0) Flush();
            foreach (var s in _segments)
            {
                int d = s.Core.DocOf(id);
                if (d < 0 || !s.Live.IsLive(d)) continue;
                s.Vectors = s.Vectors?.Writable() ?? new SegmentVectors(space, s.Core.MaxDoc);
                s.Vectors.Set(d, vector);
                s.VectorsDirty = true;
                _vectorSpace = space;
                return true;
            }
            return false;
        }
    }

    /// <summary>Drops every dense vector and the index's vector space (the next commit makes it durable), e.g. before embedding with another model.</summary>
    public void DropVectors()
    {
        lock (_sync)
        {
            CheckOpen();
            foreach (var s in _segments)
            {
                if (s.Vectors is null && s.Info.VecGen == 0) continue;
                s.Vectors = null;
                s.VectorsDirty = true;
            }
            _vectorSpace = null;
        }
    }

    /// <summary>The index directory.</summary>
    public string Directory => _directory;

    /// <summary>
    /// Checks <paramref name="document"/> against the schema and analyses it, without touching the writer's
    /// state: thread-safe, so a feed can prepare documents in parallel and add them in order.
    /// </summary>
    public PreparedDocument Prepare(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new PreparedDocument(document, Schema);
    }

    /// <summary>Adds a document. Throws <see cref="ArgumentException"/> if a live document has the same id (use <see cref="Update(Document)"/>) or the schema rejects it.</summary>
    public void Add(Document document) => Add(Prepare(document));

    /// <summary>Adds a prepared document (see <see cref="Add(Document)"/>).</summary>
    public void Add(PreparedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Error is { } error) throw error;
        if (!ReferenceEquals(document.Schema, Schema)) throw new ArgumentException("The document was prepared by another writer.", nameof(document));
        lock (_sync)
        {
            CheckOpen();
            if (ContainsLocked(document.Document.Id))
                throw new ArgumentException($"A document with id '{document.Document.Id}' already exists; use Update to replace it.", nameof(document));
            _buffer.Add(document);
            MaybeFlush();
        }
    }

    /// <summary>Adds a document, replacing any live document with the same id. Returns true when one was replaced.</summary>
    public bool Update(Document document) => Update(Prepare(document));

    /// <summary>Adds a prepared document, replacing any live document with the same id (see <see cref="Update(Document)"/>).</summary>
    public bool Update(PreparedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Error is { } error) throw error;
        if (!ReferenceEquals(document.Schema, Schema)) throw new ArgumentException("The document was prepared by another writer.", nameof(document));
        lock (_sync)
        {
            CheckOpen();
            bool replaced = DeleteLocked(document.Document.Id);
            _buffer.Add(document);
            MaybeFlush();
            return replaced;
        }
    }

    /// <summary>Deletes the document with this id. Returns whether one was live.</summary>
    public bool Delete(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_sync)
        {
            CheckOpen();
            return DeleteLocked(id);
        }
    }

    /// <summary>Deletes every live document whose keyword field <paramref name="field"/> has <paramref name="value"/>; returns how many.</summary>
    public int DeleteByKeyword(string field, string value)
    {
        var def = Schema.Find(field) ?? throw new ArgumentException($"Field '{field}' is not in the schema.", nameof(field));
        if (def.Kind != FieldKind.Keyword) throw new ArgumentException($"Field '{field}' is not a keyword field.", nameof(field));
        int fieldNo = IndexOfField(field);
        lock (_sync)
        {
            CheckOpen();
            int count = 0;
            foreach (var doc in _buffer.DocsWithKeyword(fieldNo, value)) { _buffer.Delete(doc); count++; }
            foreach (var s in _segments)
            {
                if (s.Core.Fields[fieldNo] is not { } terms) continue;
                int ord = terms.Ordinal(value);
                if (ord < 0) continue;
                var postings = new PostingsCursor(s.Core.DocData, terms, ord);
                while (postings.NextDoc())
                    if (DeleteInSegment(s, postings.Doc)) count++;
            }
            return count;
        }
    }

    /// <summary>Whether a live document (committed or not) has this id.</summary>
    public bool Contains(string id)
    {
        lock (_sync) return ContainsLocked(id);
    }

    /// <summary>Live documents, committed or not.</summary>
    public int NumDocs
    {
        get { lock (_sync) return _buffer.LiveCount + _segments.Sum(s => s.LiveCount); }
    }

    /// <summary>Makes every change so far durable: flushes, fsyncs, and atomically publishes a new commit point.</summary>
    public void Commit()
    {
        lock (_sync)
        {
            CheckOpen();
            Flush();
            DropEmptySegments();
            long generation = _lastCommit.Generation + 1;
            var infos = new List<SegmentInfo>(_segments.Count);
            foreach (var s in _segments)
            {
                if (s.DeletesDirty)
                {
                    var info = s.Info with { DelGen = generation, DelCount = s.Live.DeletedCount };
                    s.Live.Write(Path.Combine(_directory, info.DeletesFile!));
                    s.Info = info;
                    s.DeletesDirty = false;
                }
                if (s.VectorsDirty)
                {
                    var info = s.Info with { VecGen = s.Vectors is null ? 0 : generation };
                    s.Vectors?.Write(Path.Combine(_directory, info.VectorsFile!));
                    s.Info = info;
                    s.VectorsDirty = false;
                }
                infos.Add(s.Info);
            }
            var commit = new CommitPoint(generation, _counter, Schema, infos, _vectorSpace);
            commit.Write(_directory);
            _lastCommit = commit;
            DeleteUnreferencedFiles();
        }
    }

    /// <summary>A near-real-time reader that sees every change so far, committed or not.</summary>
    public IndexReader GetReader()
    {
        lock (_sync)
        {
            CheckOpen();
            Flush();
            return new IndexReader(_directory, Schema, _lastCommit.Generation,
                _segments.Select(s => (s.Core, s.Live.Share(), s.Vectors?.Share())).ToList(), _vectorSpace);
        }
    }

    /// <summary>Merges down to at most <paramref name="maxSegments"/> segments (waits for it).</summary>
    public void ForceMerge(int maxSegments = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        WaitForMerges();
        while (true)
        {
            List<SegmentState> sources;
            string name;
            lock (_sync)
            {
                CheckOpen();
                Flush(mergeAfter: false);
                if (_segments.Count <= maxSegments) return;
                var (start, count) = MergePolicy.PickForced(_segments.Count, maxSegments, _options.MergeFactor);
                sources = _segments.GetRange(start, count);
                name = NextName();
                _mergingNames.Add(name);
            }
            RunMerge(sources, name, inline: true, cascade: false);
        }
    }

    /// <summary>Waits for running background merges to finish.</summary>
    public void WaitForMerges()
    {
        while (true)
        {
            Task? t;
            lock (_sync) t = _mergeTask;
            if (t is null) break;
            t.Wait();
            lock (_sync) if (ReferenceEquals(_mergeTask, t)) _mergeTask = null;
        }
        lock (_sync)
        {
            if (_mergeFailure is { } e) { _mergeFailure = null; throw new IOException("A background merge failed: " + e.Message, e); }
        }
    }

    /// <summary>Waits for merges and releases the lock. Uncommitted changes are discarded.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        try { WaitForMerges(); }
        finally
        {
            lock (_sync)
            {
                _disposed = true;
                foreach (var s in _segments) s.Core.DecRef(); // the writer's own references; readers keep theirs
                _segments.Clear();
                _lock.Dispose();
            }
        }
    }

    // ---- internals ---------------------------------------------------------------------------

    private void CheckOpen() => ObjectDisposedException.ThrowIf(_disposed, this);

    private int IndexOfField(string name)
    {
        for (int i = 0; i < Schema.Fields.Count; i++) if (Schema.Fields[i].Name == name) return i;
        return -1;
    }

    private bool ContainsLocked(string id)
    {
        if (_buffer.DocOf(id) >= 0) return true;
        foreach (var s in _segments)
        {
            int d = s.Core.DocOf(id);
            if (d >= 0 && s.Live.IsLive(d)) return true;
        }
        return false;
    }

    private bool DeleteLocked(string id)
    {
        int b = _buffer.DocOf(id);
        if (b >= 0) { _buffer.Delete(b); return true; }
        foreach (var s in _segments)
        {
            int d = s.Core.DocOf(id);
            if (d >= 0 && DeleteInSegment(s, d)) return true;
        }
        return false;
    }

    private static bool DeleteInSegment(SegmentState s, int doc)
    {
        if (s.Live.IsDeleted(doc)) return false;
        s.Live = s.Live.Writable();
        s.Live.Delete(doc);
        s.DeletesDirty = true;
        return true;
    }

    private void MaybeFlush()
    {
        if (_buffer.EstimatedBytes >= _options.RamBufferMb * 1024 * 1024) Flush();
    }

    private string NextName() => "_" + (_counter++).ToString("x", CultureInfo.InvariantCulture);

    private void Flush(bool mergeAfter = true)
    {
        if (_buffer.Count == 0) return;
        if (_buffer.LiveCount == 0) { _buffer = new DocumentsBuffer(Schema); return; }
        var (info, deleted) = _buffer.Flush(_directory, NextName());
        var state = LoadState(_directory, info, Schema);
        foreach (int d in deleted) state.Live.Delete(d);
        state.DeletesDirty = deleted.Count > 0;
        _segments.Add(state);
        _buffer = new DocumentsBuffer(Schema);
        if (mergeAfter) MaybeMerge();
    }

    private void MaybeMerge()
    {
        if (_mergeTask is not null || _mergingNames.Count > 0) return;
        var pick = MergePolicy.Pick(_segments.Select(s => s.LiveCount).ToList(), _options.MergeFactor);
        if (pick is not { } p) return;
        var sources = _segments.GetRange(p.Start, p.Count);
        var name = NextName();
        _mergingNames.Add(name);
        if (_options.BackgroundMerges)
            _mergeTask = Task.Run(() => RunMerge(sources, name, inline: false, cascade: true));
        else
            RunMerge(sources, name, inline: true, cascade: true);
    }

    private void RunMerge(List<SegmentState> sources, string name, bool inline, bool cascade)
    {
        List<LiveDocs> snapshot;
        lock (_sync) snapshot = sources.Select(s => s.Live.Share()).ToList();
        SegmentState merged;
        int[][] docMaps;
        try
        {
            var info = SegmentMerger.Merge(_directory, name, Schema, sources.Select(s => s.Core).ToList(), snapshot, out docMaps);
            merged = LoadState(_directory, info, Schema);
        }
        catch (Exception e) when (!inline)
        {
            lock (_sync) { _mergingNames.Remove(name); _mergeFailure = e; _mergeTask = null; }
            return;
        }
        finally
        {
            if (inline) lock (_sync) _mergingNames.Remove(name);
        }
        lock (_sync)
        {
            _mergingNames.Remove(name);
            int start = _segments.IndexOf(sources[0]);
            for (int i = 0; i < sources.Count; i++)
            {
                var now = sources[i].Live;
                if (ReferenceEquals(now, snapshot[i])) continue;
                for (int d = 0; d < now.MaxDoc; d++) // deletes that arrived while merging
                    if (now.IsDeleted(d) && !snapshot[i].IsDeleted(d)) DeleteInSegment(merged, docMaps[i][d]);
            }
            merged.Vectors = SegmentVectors.Merge(sources.Select(s => s.Vectors).ToList(), docMaps, merged.Core.MaxDoc, _vectorSpace);
            merged.VectorsDirty = merged.Vectors is not null;
            _segments.RemoveRange(start, sources.Count);
            _segments.Insert(start, merged);
            foreach (var source in sources) source.Core.DecRef(); // unmapped once no reader holds it either
            if (!inline) _mergeTask = null;
            if (cascade) MaybeMerge();
        }
    }

    /// <summary>
    /// Drops segments whose every document is deleted (as Lucene drops 100%-deleted segments), so updates of the same items
    /// do not pile up empty segments; their files go once the next commit no longer names them. Not while a merge runs
    /// (its sources must stay where it found them).
    /// </summary>
    private void DropEmptySegments()
    {
        if (_mergingNames.Count > 0) return;
        foreach (var s in _segments) if (s.LiveCount == 0) s.Core.DecRef(); // unmapped once no reader holds it either
        _segments.RemoveAll(s => s.LiveCount == 0);
    }

    /// <summary>
    /// Deletes every file of ours that neither the last commit nor a segment in memory (flushed, not yet committed) names, nor
    /// a running merge is writing: what a killed writer or a failed flush left (as Lucene's IndexFileDeleter at open).
    /// </summary>
    private void DeleteUnreferencedFiles()
    {
        var keep = new HashSet<string>(_lastCommit.FileNames(), StringComparer.Ordinal) { WriteLock.FileName };
        foreach (var s in _segments) foreach (var f in s.Info.FileNames()) keep.Add(f);
        foreach (var path in System.IO.Directory.EnumerateFiles(_directory))
        {
            var name = Path.GetFileName(path);
            if (keep.Contains(name)) continue;
            bool ours = name.StartsWith(CommitPoint.Prefix, StringComparison.Ordinal) || name.StartsWith("pending_", StringComparison.Ordinal)
                || name.StartsWith('_');
            if (!ours) continue;
            if (name.StartsWith('_') && _mergingNames.Any(m => name.StartsWith(m + ".", StringComparison.Ordinal))) continue;
            File.Delete(path);
        }
    }
}
