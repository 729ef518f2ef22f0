using LuceneReco.Host.Pipelines;
using LuceneReco.Index;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Serving;

/// <summary>
/// The serving index: the single <see cref="IndexWriter"/> of the directory (holding its write lock) and a
/// near-real-time reader. A write batch (an upsert of one or more items, a delete) returns only after a commit that
/// holds all of it has been fsynced, so a crash loses no acknowledged write; the reader is refreshed at that commit,
/// so the very next request sees it, and no reader ever sees a write before it is durable.
/// </summary>
/// <remarks>
/// <para>Group commit: batches that arrive while a commit is being fsynced are applied to the writer's buffer and then
/// share the next commit (one flush, one fsync), so throughput grows with concurrent clients instead of each
/// waiting for its own fsync. A batch is applied whole between commits, so no commit holds part of one.</para>
/// <para>Faults: when a commit (or a flush while applying) fails, every batch of its group fails, the writer is
/// reopened at the last commit (discarding exactly those batches) and the failure is kept in <see cref="WriteError"/>
/// until a write succeeds again. A full disk is reported as <see cref="WriteRefusedException"/> with 507; other failures with 503.</para>
/// </remarks>
internal sealed class IndexService : IIndexView, IDisposable
{
    private readonly string _directory;
    private readonly object _applySync = new();  // applying batches to the writer; a commit holds it too
    private readonly object _commitSync = new(); // one commit at a time; the committer commits the open group
    private IndexWriter? _writer;
    private CommitGroup _open = new();
    private IndexReader _reader;
    private string? _writeError;
    private long _commits, _batches;
    private bool _disposed;

    private IndexService(IndexWriter writer)
    {
        _directory = writer.Directory;
        _writer = writer;
        Schema = writer.Schema;
        _reader = writer.GetReader();
    }

    /// <summary>Opens the existing index at <paramref name="directory"/> for serving.</summary>
    /// <exception cref="LuceneReco.Index.Store.IndexNotFoundException">No index there.</exception>
    /// <exception cref="LuceneReco.Index.Store.IndexLockedException">Another process is writing to it.</exception>
    public static IndexService Open(string directory) => new(IndexWriter.Open(directory));

    /// <inheritdoc/>
    public IndexReader Reader => Volatile.Read(ref _reader);

    /// <summary>The schema items must follow.</summary>
    public IndexSchema Schema { get; }

    /// <summary>The index directory.</summary>
    public string Directory => _directory;

    /// <summary>Why the last write failed (the disk is full, ...), or null when the last write succeeded.</summary>
    public string? WriteError => Volatile.Read(ref _writeError);

    /// <summary>Commits made since the start (each one fsync); fewer than <see cref="Batches"/> when batches shared commits.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Write batches acknowledged since the start.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Adds or replaces <paramref name="documents"/> as one durable batch; returns how many replaced an existing item.</summary>
    /// <exception cref="WriteRefusedException">The disk is full (507) or the commit failed otherwise (503); nothing of the batch was kept.</exception>
    public int Upsert(IReadOnlyList<Document> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        IndexWriter preparedBy;
        lock (_applySync) preparedBy = WriterOrReopen() ?? throw Unavailable(null);
        var prepared = Prepare(preparedBy, documents); // analysed outside the locks, checked before anything is applied
        int replaced = 0;
        var group = Apply(writer =>
        {
            if (!ReferenceEquals(writer, preparedBy)) prepared = Prepare(writer, documents); // reopened after a failure meanwhile
            foreach (var d in prepared) if (writer.Update(d)) replaced++;
            return true;
        });
        if (group is not null) WaitCommitted(group);
        return replaced;
    }

    private static PreparedDocument[] Prepare(IndexWriter writer, IReadOnlyList<Document> documents)
    {
        var prepared = new PreparedDocument[documents.Count];
        for (int i = 0; i < prepared.Length; i++)
        {
            prepared[i] = writer.Prepare(documents[i]);
            if (prepared[i].Error is { } error) throw error;
        }
        return prepared;
    }

    /// <summary>Deletes the item <paramref name="id"/> durably; returns whether it existed.</summary>
    /// <exception cref="WriteRefusedException">The disk is full (507) or the commit failed otherwise (503); the item was not deleted.</exception>
    public bool Delete(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var group = Apply(writer => writer.Delete(id));
        if (group is null) return false;
        WaitCommitted(group);
        return true;
    }

    /// <summary>
    /// When the last write failed, checks whether the index folder can take writes again (a small probe file) and clears
    /// <see cref="WriteError"/> when it can; returns the error still in force.
    /// </summary>
    public string? ProbeWrites()
    {
        if (WriteError is null) return null;
        if (DiskSpace.CanWrite(_directory) && WriterOrReopen() is not null) Interlocked.Exchange(ref _writeError, null);
        return WriteError;
    }

    /// <summary>Applies one batch to the open group under the apply lock; returns the group to wait for, or null when the batch changed nothing.</summary>
    private CommitGroup? Apply(Func<IndexWriter, bool> batch)
    {
        lock (_applySync)
        {
            var writer = WriterOrReopen() ?? throw Unavailable(null);
            var group = _open;
            bool changed;
            try
            {
                changed = batch(writer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                group.Poison(e); // a flush failed part way through the batch: the whole group is rolled back at its commit
                changed = true;
            }
            if (!changed) return null;
            group.Members++;
            return group;
        }
    }

    private void WaitCommitted(CommitGroup group)
    {
        lock (_commitSync)
        {
            if (!group.Done) CommitOpenGroup();
        }
        if (group.Failure is { } failure) throw Unavailable(failure);
        Interlocked.Increment(ref _batches);
        Interlocked.Exchange(ref _writeError, null);
    }

    /// <summary>Commits every batch applied so far (the open group) with one fsync, or rolls them all back when that fails.</summary>
    private void CommitOpenGroup()
    {
        lock (_applySync)
        {
            var group = _open;
            _open = new CommitGroup();
            try
            {
                if (group.Failure is { } poisoned) throw new IOException(poisoned.Message, poisoned);
                var writer = _writer ?? throw new IOException("the index writer is closed");
                writer.Commit();
                Volatile.Write(ref _reader, writer.GetReader());
                Interlocked.Increment(ref _commits);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                group.Poison(e);
                Interlocked.Exchange(ref _writeError, Describe(e));
                RollBack();
            }
            finally
            {
                group.Done = true;
            }
        }
    }

    /// <summary>Discards every uncommitted change by reopening the writer at the last commit (under the apply lock).</summary>
    private void RollBack()
    {
        var old = _writer;
        _writer = null;
        try { old?.Dispose(); }
        catch (IOException e) { Interlocked.Exchange(ref _writeError, Describe(e)); } // a background merge failed too; its files are removed at the reopen
        _ = WriterOrReopen();
    }

    /// <summary>The writer, reopening it when a rollback could not (under the apply lock); null when it still cannot be opened.</summary>
    private IndexWriter? WriterOrReopen()
    {
        lock (_applySync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null) return _writer;
            try
            {
                _writer = IndexWriter.Open(_directory);
                Volatile.Write(ref _reader, _writer.GetReader());
            }
            catch (IOException e)
            {
                Interlocked.Exchange(ref _writeError, "the index writer cannot be reopened: " + Describe(e));
            }
            return _writer;
        }
    }

    private WriteRefusedException Unavailable(Exception? cause) =>
        DiskSpace.IsFull(cause) ? WriteRefusedException.DiskFull(_directory, "the index", cause)
        : WriteRefusedException.Unavailable($"the index at '{_directory}'", WriteError ?? cause?.Message ?? "its writer is closed", cause);

    private static string Describe(Exception e) =>
        DiskSpace.IsFull(e) ? "the disk holding the index is full" : e.Message;

    /// <summary>Releases the write lock (every acknowledged write is already committed).</summary>
    public void Dispose()
    {
        lock (_applySync)
        {
            if (_disposed) return;
            _disposed = true;
            var writer = _writer;
            _writer = null;
            writer?.Dispose();
        }
    }

    /// <summary>The batches applied between two commits; they succeed or fail together.</summary>
    private sealed class CommitGroup
    {
        private Exception? _failure;

        public int Members { get; set; }

        public bool Done
        {
            get => Volatile.Read(ref _done);
            set => Volatile.Write(ref _done, value);
        }

        public Exception? Failure => Volatile.Read(ref _failure);

        public void Poison(Exception e) => Interlocked.CompareExchange(ref _failure, e, null);

        private bool _done;
    }
}
