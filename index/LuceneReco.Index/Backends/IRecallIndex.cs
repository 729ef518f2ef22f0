using LuceneReco.Index.Documents;

namespace LuceneReco.Index.Backends;

/// <summary>
/// A recall index whichever engine keeps it (the native index, Lucene.Net): writes, commit, near-real-time refresh,
/// and point-in-time views to search. The engine, the pipelines and the plugins are meant to use only this surface
/// and <see cref="IRecallView"/>, so that they work on either backend unchanged. Thread-safe.
/// </summary>
/// <remarks>
/// Writes (<see cref="Add"/>, <see cref="Update"/>, <see cref="Delete"/>, <see cref="DeleteByKeyword"/>) become
/// visible to new views after <see cref="Refresh"/> and durable after <see cref="Commit"/>. On a read-only index
/// (one attached while another application writes it) every write throws <see cref="IndexReadOnlyException"/>,
/// and <see cref="Refresh"/> picks up that application's commits.
/// </remarks>
public interface IRecallIndex : IDisposable
{
    /// <summary>The backend's name: "native" or "lucenenet".</summary>
    string Backend { get; }

    /// <summary>The index directory.</summary>
    string Directory { get; }

    /// <summary>The fields and how each is indexed (for an attached index, as its schema file names them).</summary>
    IndexSchema Schema { get; }

    /// <summary>Whether writes are refused (an attached index another application writes).</summary>
    bool ReadOnly { get; }

    /// <summary>
    /// What the native index offers that this backend does not, feature name to why (for example dense vectors);
    /// empty on the native index. Callers report these rather than leave them silently missing.
    /// </summary>
    IReadOnlyDictionary<string, string> Unavailable { get; }

    /// <summary>Things worth telling the operator once, found when the index was opened (a field without term vectors that MoreLikeThis re-analyses, say).</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// The current point-in-time view, held until the returned view is disposed (dispose it when the request is done;
    /// the view stays valid however many refreshes happen meanwhile).
    /// </summary>
    IRecallView Acquire();

    /// <summary>Makes writes so far (and, read-only, other writers' new commits) visible to views acquired afterwards; true when the view changed.</summary>
    bool Refresh();

    /// <summary>Adds a document (its id must not be live already; use <see cref="Update"/> to replace).</summary>
    /// <exception cref="IndexReadOnlyException">The index is read-only.</exception>
    /// <exception cref="ArgumentException">The document has a field the schema does not name, or a value of the wrong kind.</exception>
    void Add(Document document);

    /// <summary>Adds or replaces the document with this id; true when one was replaced.</summary>
    /// <exception cref="IndexReadOnlyException">The index is read-only.</exception>
    bool Update(Document document);

    /// <summary>Deletes the document with this id; true when there was one.</summary>
    /// <exception cref="IndexReadOnlyException">The index is read-only.</exception>
    bool Delete(string id);

    /// <summary>Deletes every document with <paramref name="value"/> in keyword field <paramref name="field"/>; how many were live.</summary>
    /// <exception cref="IndexReadOnlyException">The index is read-only.</exception>
    int DeleteByKeyword(string field, string value);

    /// <summary>Makes every write so far durable (the engine's commit: fsync, then a new commit point).</summary>
    /// <exception cref="IndexReadOnlyException">The index is read-only.</exception>
    void Commit();
}
