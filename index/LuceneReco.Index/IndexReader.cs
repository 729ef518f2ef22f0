using LuceneReco.Index.Documents;

namespace LuceneReco.Index;

/// <summary>
/// A point-in-time view of an index: searches see exactly the documents live when it was opened,
/// whatever writes happen afterwards. Thread-safe. Doc numbers are global: segment base + local doc.
/// </summary>
public sealed partial class IndexReader : IDisposable
{
    /// <summary>Opens the last commit of the index at <paramref name="directory"/>.</summary>
    /// <exception cref="Store.IndexNotFoundException">There is no commit.</exception>
    /// <exception cref="Store.CorruptIndexException">A file is damaged (the exception names it).</exception>
    public static IndexReader Open(string directory) => throw new NotImplementedException();

    /// <summary>The schema.</summary>
    public IndexSchema Schema => throw new NotImplementedException();

    /// <summary>One more than the largest doc number.</summary>
    public int MaxDoc => throw new NotImplementedException();

    /// <summary>Live documents.</summary>
    public int NumDocs => throw new NotImplementedException();

    /// <summary>Size figures.</summary>
    public IndexStats Stats => throw new NotImplementedException();

    /// <summary>The doc number of the live document with this id, or -1.</summary>
    public int DocOf(string id) => throw new NotImplementedException();

    /// <summary>The id of doc <paramref name="doc"/>.</summary>
    public string IdOf(int doc) => throw new NotImplementedException();

    /// <summary>The stored fields of doc <paramref name="doc"/> (id, stored text/keyword values and numbers).</summary>
    public Document Stored(int doc) => throw new NotImplementedException();

    /// <summary>Releases nothing on disk; present so readers can be used in using blocks.</summary>
    public void Dispose() { }
}
