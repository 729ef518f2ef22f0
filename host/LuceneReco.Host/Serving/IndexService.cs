using LuceneReco.Host.Pipelines;
using LuceneReco.Index;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Serving;

/// <summary>
/// The serving index: the single <see cref="IndexWriter"/> of the directory (holding its write lock) and a
/// near-real-time reader. A write batch (an upsert of one or more items, a delete) returns only after a commit that
/// holds all of it has been fsynced, so a crash loses no acknowledged write; the reader is refreshed at that commit,
/// so the very next request sees it, and no reader ever sees a write before it is durable.
/// </summary>
/// <remarks>
/// <para>Group commit: one committer thread owns the writer. Batches queue (their documents analysed by the caller first)
/// and wait without holding a thread; the committer takes every batch queued so far, applies them whole, commits once (one
/// flush, one fsync) and completes them all, so throughput grows with concurrent clients instead of each waiting for its
/// own fsync, and no commit holds part of a batch.</para>
/// <para>Faults: when a commit (or a flush while applying) fails, every batch of its group fails, the writer is
/// reopened at the last commit (discarding exactly those batches) and the failure is kept in <see cref="WriteError"/>
/// until a write succeeds again. A full disk is reported as <see cref="WriteRefusedException"/> with 507; other failures with 503.</para>
/// </remarks>
internal sealed class IndexService : IIndexView, IItemWriter, IDisposable
{
    private readonly string _directory;
    private readonly object _applySync = new();  // the writer: the committer, a reopen, the probe and Dispose
    private readonly object _queueSync = new();
    private readonly Thread _committer;
    private List<Pending> _queue = new();
    private bool _stopping;
    private IndexWriter? _writer;
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
        _committer = new Thread(CommitLoop) { IsBackground = true, Name = "index committer" };
        _committer.Start();
    }

    /// <summary>Opens the existing index at <paramref name="directory"/> for serving.</summary>
    /// <exception cref="LuceneReco.Index.Store.IndexNotFoundException">No index there.</exception>
    /// <exception cref="LuceneReco.Index.Store.IndexLockedException">Another process is writing to it.</exception>
    public static IndexService Open(string directory) => new(IndexWriter.Open(directory));

    /// <summary>The newest near-real-time reader (changes after every write batch).</summary>
    public IndexReader Reader => Volatile.Read(ref _reader);

    /// <inheritdoc/>
    public IRecallView Acquire() => NativeRecallIndex.View(Reader); // native readers live as long as the index: nothing to release

    /// <summary>The schema items must follow.</summary>
    public IndexSchema Schema { get; }

    /// <inheritdoc/>
    public int NumDocs => Reader.NumDocs;

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
    public int Upsert(IReadOnlyList<Document> documents) => UpsertAsync(documents).GetAwaiter().GetResult();

    /// <inheritdoc cref="Upsert"/>
    public async Task<int> UpsertAsync(IReadOnlyList<Document> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var preparedBy = Volatile.Read(ref _writer) ?? throw Unavailable(null);
        var prepared = Prepare(preparedBy, documents); // analysed on the caller's thread, checked before anything is queued
        int replaced = 0;
        await Enqueue(writer =>
        {
            if (!ReferenceEquals(writer, preparedBy)) prepared = Prepare(writer, documents); // reopened after a failure meanwhile
            foreach (var d in prepared) if (writer.Update(d)) replaced++;
            return true;
        }).ConfigureAwait(false);
        return replaced;
    }

    /// <summary>Deletes the item <paramref name="id"/> durably; returns whether it existed.</summary>
    /// <exception cref="WriteRefusedException">The disk is full (507) or the commit failed otherwise (503); the item was not deleted.</exception>
    public bool Delete(string id) => DeleteAsync(id).GetAwaiter().GetResult();

    /// <inheritdoc cref="Delete"/>
    public Task<bool> DeleteAsync(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Enqueue(writer => writer.Delete(id));
    }

    /// <summary>
    /// When the last write failed, checks whether the index folder can take writes again (a small probe file) and clears
    /// <see cref="WriteError"/> when it can; returns the error still in force.
    /// </summary>
    public string? ProbeWrites()
    {
        if (WriteError is null) return null;
        if (DiskSpace.CanWrite(_directory))
            lock (_applySync)
                if (WriterOrReopen() is not null) Interlocked.Exchange(ref _writeError, null);
        return WriteError;
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

    /// <summary>Queues a batch for the committer; the task ends when a commit holding it is durable (true when it changed something).</summary>
    private Task<bool> Enqueue(Func<IndexWriter, bool> apply)
    {
        var pending = new Pending(apply, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_queueSync)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _queue.Add(pending);
            Monitor.Pulse(_queueSync);
        }
        return pending.Done.Task;
    }

    private void CommitLoop()
    {
        while (true)
        {
            List<Pending> group;
            lock (_queueSync)
            {
                while (_queue.Count == 0 && !_stopping) Monitor.Wait(_queueSync);
                if (_queue.Count == 0) return; // stopping, and every queued batch is done
                group = _queue;
                _queue = new List<Pending>();
            }
            lock (_applySync) CommitGroup(group);
        }
    }

    /// <summary>Applies every batch of <paramref name="group"/> and commits them with one fsync, or rolls them all back when that fails.</summary>
    private void CommitGroup(List<Pending> group)
    {
        var changed = new bool[group.Count];
        Exception? failure = null;
        var writer = WriterOrReopen();
        if (writer is null) failure = new IOException(WriteError ?? "the index writer is closed");
        else
        {
            try
            {
                bool any = false;
                for (int i = 0; i < group.Count; i++) any |= changed[i] = group[i].Apply(writer);
                if (any)
                {
                    writer.Commit();
                    Volatile.Write(ref _reader, writer.GetReader());
                    Interlocked.Increment(ref _commits);
                }
            }
            catch (Exception e) // a flush or the commit failed part way: nothing of the group may stay, whatever the cause
            {
                failure = e;
                Interlocked.Exchange(ref _writeError, Describe(e));
                RollBack();
            }
        }
        if (failure is not null)
        {
            var refused = failure is IOException or UnauthorizedAccessException ? Unavailable(failure) : failure;
            foreach (var p in group) p.Done.TrySetException(refused);
            return;
        }
        Interlocked.Exchange(ref _writeError, null);
        Interlocked.Add(ref _batches, group.Count);
        for (int i = 0; i < group.Count; i++) group[i].Done.TrySetResult(changed[i]);
    }

    /// <summary>Discards every uncommitted change by reopening the writer at the last commit (under the apply lock).</summary>
    private void RollBack()
    {
        var old = _writer;
        Volatile.Write(ref _writer, null);
        try { old?.Dispose(); }
        catch (IOException e) { Interlocked.Exchange(ref _writeError, Describe(e)); } // a background merge failed too; its files are removed at the reopen
        _ = WriterOrReopen();
    }

    /// <summary>The writer, reopening it when a rollback could not (under the apply lock); null when it still cannot be opened.</summary>
    private IndexWriter? WriterOrReopen()
    {
        if (_writer is not null || _disposed) return _writer;
        try
        {
            var writer = IndexWriter.Open(_directory);
            Volatile.Write(ref _reader, writer.GetReader());
            Volatile.Write(ref _writer, writer);
        }
        catch (IOException e)
        {
            Interlocked.Exchange(ref _writeError, "the index writer cannot be reopened: " + Describe(e));
        }
        return _writer;
    }

    private WriteRefusedException Unavailable(Exception? cause) =>
        DiskSpace.IsFull(cause) ? WriteRefusedException.DiskFull(_directory, "the index", cause)
        : WriteRefusedException.Unavailable("the index", WriteError ?? cause?.Message ?? "its writer is closed", cause, _directory);

    private static string Describe(Exception e) =>
        DiskSpace.IsFull(e) ? "the disk holding the index is full" : e.Message;

    /// <summary>Finishes the queued batches, then releases the write lock (every acknowledged write is already committed).</summary>
    public void Dispose()
    {
        lock (_queueSync)
        {
            if (_stopping) return;
            _stopping = true;
            Monitor.Pulse(_queueSync);
        }
        _committer.Join();
        lock (_applySync)
        {
            _disposed = true;
            var writer = _writer;
            Volatile.Write(ref _writer, null);
            writer?.Dispose();
        }
    }

    /// <summary>A queued batch: applies itself to the writer (true when it changed something) and is completed by the committer.</summary>
    private sealed record Pending(Func<IndexWriter, bool> Apply, TaskCompletionSource<bool> Done);
}
