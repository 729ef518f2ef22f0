using LuceneReco.Index.Documents;

namespace LuceneReco.Index;

/// <summary>
/// The single writer of an index directory: buffers added, updated and deleted documents in memory,
/// flushes them to immutable segments, merges segments in the background, and commits durably.
/// Disposing without <see cref="Commit"/> discards uncommitted changes (the last commit stays).
/// </summary>
public sealed partial class IndexWriter : IDisposable
{
    /// <summary>Opens (or creates, when <paramref name="options"/> carries a schema) the index at <paramref name="directory"/> and takes its write lock.</summary>
    /// <exception cref="Store.IndexLockedException">Another live writer holds the lock.</exception>
    /// <exception cref="Store.IndexNotFoundException">No index exists and no schema was given.</exception>
    /// <exception cref="Store.CorruptIndexException">A file of the last commit is damaged.</exception>
    public static IndexWriter Open(string directory, IndexWriterOptions? options = null) => throw new NotImplementedException();

    /// <summary>The schema of the index.</summary>
    public IndexSchema Schema => throw new NotImplementedException();

    /// <summary>Adds a document. Throws <see cref="ArgumentException"/> if a live document has the same id (use <see cref="Update"/>).</summary>
    public void Add(Document document) => throw new NotImplementedException();

    /// <summary>Adds a document, replacing any live document with the same id. Returns true when one was replaced.</summary>
    public bool Update(Document document) => throw new NotImplementedException();

    /// <summary>Deletes the document with this id. Returns whether one was live.</summary>
    public bool Delete(string id) => throw new NotImplementedException();

    /// <summary>Deletes every live document whose keyword field <paramref name="field"/> has <paramref name="value"/>; returns how many.</summary>
    public int DeleteByKeyword(string field, string value) => throw new NotImplementedException();

    /// <summary>Whether a live document (committed or not) has this id.</summary>
    public bool Contains(string id) => throw new NotImplementedException();

    /// <summary>Makes every change so far durable: flushes, fsyncs, and atomically publishes a new commit point.</summary>
    public void Commit() => throw new NotImplementedException();

    /// <summary>A near-real-time reader that sees every change so far, committed or not.</summary>
    public IndexReader GetReader() => throw new NotImplementedException();

    /// <summary>Merges down to at most <paramref name="maxSegments"/> segments (waits for it).</summary>
    public void ForceMerge(int maxSegments = 1) => throw new NotImplementedException();

    /// <summary>Releases the lock. Uncommitted changes are discarded.</summary>
    public void Dispose() => throw new NotImplementedException();
}
