using LuceneReco.Host.Pipelines;
using LuceneReco.Index;
using LuceneReco.Index.Documents;

namespace LuceneReco.Host.Serving;

/// <summary>
/// The serving index: the single <see cref="IndexWriter"/> of the directory (holding its write lock) and a
/// near-real-time reader. Every write batch (an upsert of one or more items, a delete) is committed before
/// it returns — durable, so a crash loses no acknowledged write — and the reader is refreshed, so the very
/// next request sees it. Batches are serialized; readers are published atomically and never block writes.
/// </summary>
internal sealed class IndexService : IIndexView, IDisposable
{
    private readonly IndexWriter _writer;
    private readonly object _writeSync = new();
    private IndexReader _reader;

    private IndexService(IndexWriter writer)
    {
        _writer = writer;
        _reader = writer.GetReader();
    }

    /// <summary>Opens the existing index at <paramref name="directory"/> for serving.</summary>
    /// <exception cref="LuceneReco.Index.Store.IndexNotFoundException">No index there.</exception>
    /// <exception cref="LuceneReco.Index.Store.IndexLockedException">Another process is writing to it.</exception>
    public static IndexService Open(string directory) => new(IndexWriter.Open(directory));

    /// <inheritdoc/>
    public IndexReader Reader => Volatile.Read(ref _reader);

    /// <summary>The schema items must follow.</summary>
    public IndexSchema Schema => _writer.Schema;

    /// <summary>Adds or replaces <paramref name="documents"/> as one durable batch; returns how many replaced an existing item.</summary>
    public int Upsert(IReadOnlyList<Document> documents)
    {
        lock (_writeSync)
        {
            int replaced = 0;
            foreach (var d in documents) if (_writer.Update(d)) replaced++;
            CommitAndRefresh();
            return replaced;
        }
    }

    /// <summary>Deletes the item <paramref name="id"/> durably; returns whether it existed.</summary>
    public bool Delete(string id)
    {
        lock (_writeSync)
        {
            if (!_writer.Delete(id)) return false;
            CommitAndRefresh();
            return true;
        }
    }

    private void CommitAndRefresh()
    {
        _writer.Commit();
        Volatile.Write(ref _reader, _writer.GetReader());
    }

    /// <summary>Releases the write lock (every acknowledged write is already committed).</summary>
    public void Dispose() => _writer.Dispose();
}
