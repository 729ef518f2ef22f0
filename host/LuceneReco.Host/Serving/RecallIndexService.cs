using System.Globalization;
using LuceneReco.Host.Pipelines;
using LuceneReco.Index.Backends;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Serving;

/// <summary>
/// The serving index over an <see cref="IRecallIndex"/> other than the native writer (a Lucene.Net index): requests acquire
/// its views, a timer refreshes it so that commits another application makes become visible, and, when it is writable, item
/// writes commit before they are acknowledged.
/// </summary>
/// <remarks>
/// <para>Writes are one batch at a time under a lock (no group commit as on the native <see cref="IndexService"/>): each batch is
/// applied, committed (Lucene.Net's fsync and new commit point) and the view refreshed before the response, so the next request
/// sees it. When applying or committing fails, whatever the cause, the index is closed without committing (Lucene.Net's rollback drops exactly the
/// uncommitted batch) and reopened at its last commit; the failure is kept in <see cref="WriteError"/> until a write succeeds.</para>
/// <para>Refresh: every <see cref="RefreshInterval"/> the index is asked for a newer view; on an attached index that is how
/// another application's commits arrive. A refresh that fails (that application removing files mid-way, say) is logged once
/// per distinct message and retried at the next tick; requests keep the view they had.</para>
/// </remarks>
internal sealed class RecallIndexService : IIndexView, IItemWriter, IDisposable
{
    /// <summary>How often an index opened through this service looks for new commits unless told otherwise.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(1);

    private readonly Func<IRecallIndex>? _reopen;
    private readonly Action<string> _log;
    private readonly object _writeSync = new();
    private readonly object _tickSync = new();
    private readonly Timer _timer;
    private IRecallIndex? _index;
    private string? _writeError, _lastRefreshError;
    private long _refreshes;
    private bool _disposed;

    /// <summary>Serves <paramref name="index"/> (taking ownership); <paramref name="reopen"/> opens it again after a failed write (writable indexes only).</summary>
    public RecallIndexService(IRecallIndex index, Func<IRecallIndex>? reopen, TimeSpan refreshInterval, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (refreshInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(refreshInterval), refreshInterval, "the refresh interval must be positive");
        _index = index;
        _reopen = reopen;
        _log = log;
        Backend = index.Backend;
        Unavailable = index.Unavailable;
        Schema = index.Schema;
        ReadOnly = index.ReadOnly;
        Directory = index.Directory;
        RefreshInterval = refreshInterval;
        _timer = new Timer(_ => Tick(), null, refreshInterval, refreshInterval);
    }

    /// <inheritdoc/>
    public string Backend { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Unavailable { get; }

    /// <inheritdoc/>
    public IndexSchema Schema { get; }

    /// <summary>Whether writes are refused (an attached index another application writes).</summary>
    public bool ReadOnly { get; }

    /// <summary>The index directory.</summary>
    public string Directory { get; }

    /// <summary>Why items cannot be written through this server (the 409 a write gets), or null for the general wording.</summary>
    public string? ReadOnlyReason { get; init; }

    /// <summary>How often the index looks for new commits.</summary>
    public TimeSpan RefreshInterval { get; }

    /// <summary>Refreshes that found a newer view since the start (by the timer or after a write).</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    /// <summary>Why the last write failed, or null when it succeeded (or none was made).</summary>
    public string? WriteError => Volatile.Read(ref _writeError);

    /// <inheritdoc/>
    public int NumDocs
    {
        get
        {
            using var view = Acquire();
            return view.NumDocs;
        }
    }

    /// <inheritdoc/>
    public IRecallView Acquire()
    {
        var index = Volatile.Read(ref _index);
        if (index is null) // a failed write is being rolled back and the index reopened: wait for it
            lock (_writeSync) index = _index;
        ObjectDisposedException.ThrowIf(index is null, this);
        return index.Acquire();
    }

    /// <summary>Asks the index for a newer view now (the timer does so every <see cref="RefreshInterval"/>); true when it changed.</summary>
    public bool Refresh()
    {
        lock (_writeSync)
        {
            if (_disposed || _index is null) return false;
            bool changed = _index.Refresh();
            if (changed) Interlocked.Increment(ref _refreshes);
            return changed;
        }
    }

    private void Tick()
    {
        if (!Monitor.TryEnter(_tickSync)) return; // the previous tick is still refreshing
        try
        {
            Refresh();
            Volatile.Write(ref _lastRefreshError, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException) // on a timer thread: nothing may escape and stop the process
        {
            string message = $"refreshing the {Backend} index failed (requests keep the view they had; retried every {Seconds(RefreshInterval)}): {e.Message}";
            if (Interlocked.Exchange(ref _lastRefreshError, message) != message) _log(message);
        }
        finally { Monitor.Exit(_tickSync); }
    }

    /// <inheritdoc/>
    public Task<int> UpsertAsync(IReadOnlyList<Document> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        int replaced = 0;
        Write(index =>
        {
            foreach (var d in documents) if (index.Update(d)) replaced++;
            return documents.Count > 0;
        });
        return Task.FromResult(replaced);
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        bool existed = false;
        Write(index => existed = index.Delete(id));
        return Task.FromResult(existed);
    }

    /// <inheritdoc/>
    public string? ProbeWrites()
    {
        if (WriteError is null) return null;
        if (DiskSpace.CanWrite(Directory))
            lock (_writeSync)
                if (IndexOrReopen() is not null) Volatile.Write(ref _writeError, null);
        return WriteError;
    }

    /// <summary>Applies one batch, commits and refreshes it (under the write lock), or rolls it back and reopens the index.</summary>
    private void Write(Func<IRecallIndex, bool> apply)
    {
        if (ReadOnly) throw new IndexReadOnlyException(Directory, "write");
        lock (_writeSync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var index = IndexOrReopen() ?? throw WriteRefusedException.Unavailable("the index", WriteError ?? "it is closed", null, Directory);
            try
            {
                if (apply(index))
                {
                    index.Commit();
                    if (index.Refresh()) Interlocked.Increment(ref _refreshes);
                }
            }
            catch (Exception e) // whatever failed, nothing of the batch may stay in the writer for the next commit to keep
            {
                bool io = e is IOException or UnauthorizedAccessException or ObjectDisposedException;
                string why = DiskSpace.IsFull(e) ? "the disk holding the index is full" : e.Message;
                if (io) Volatile.Write(ref _writeError, why);
                RollBack();
                if (!io) throw;
                throw DiskSpace.IsFull(e) ? WriteRefusedException.DiskFull(Directory, "the index", e) : WriteRefusedException.Unavailable("the index", why, e, Directory);
            }
            Volatile.Write(ref _writeError, null);
        }
    }

    /// <summary>Closes the index without committing (dropping the failed batch) and opens it again at its last commit (under the write lock).</summary>
    private void RollBack()
    {
        var old = _index;
        Volatile.Write(ref _index, null);
        try { old?.Dispose(); }
        catch (IOException e) { Volatile.Write(ref _writeError, e.Message); }
        _ = IndexOrReopen();
    }

    /// <summary>The index, reopening it after a rollback (under the write lock); null when it cannot be opened now.</summary>
    private IRecallIndex? IndexOrReopen()
    {
        if (_index is not null || _disposed || _reopen is null) return _index;
        try
        {
            Volatile.Write(ref _index, _reopen());
        }
        catch (IOException e)
        {
            Volatile.Write(ref _writeError, "the index cannot be reopened: " + e.Message);
        }
        return _index;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>Stops the refresh timer and closes the index (every acknowledged write is already committed).</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_writeSync)
        {
            if (_disposed) return;
            _disposed = true;
            var index = _index;
            Volatile.Write(ref _index, null);
            index?.Dispose();
        }
    }
}
