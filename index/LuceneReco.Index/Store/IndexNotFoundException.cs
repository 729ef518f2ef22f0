namespace LuceneReco.Index.Store;

/// <summary>No committed index exists at the given directory.</summary>
public sealed class IndexNotFoundException(string directory)
    : IOException($"No index found at '{directory}' (no segments_N commit file).")
{
    /// <summary>The directory that was searched.</summary>
    public string Directory { get; } = directory;
}
