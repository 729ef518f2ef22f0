namespace LuceneReco.Index.Store;

/// <summary>Another live writer holds the index's write lock.</summary>
public sealed class IndexLockedException(string directory, string holder)
    : IOException($"The index at '{directory}' is locked by another writer ({holder}); only one writer may open it at a time.")
{
    /// <summary>The index directory.</summary>
    public string Directory { get; } = directory;
}
