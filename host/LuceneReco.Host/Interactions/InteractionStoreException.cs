namespace LuceneReco.Host.Interactions;

/// <summary>
/// The interaction store file cannot be used: it is damaged, not a SQLite database, not a LuceneReco store,
/// written by a newer version, or the disk refused a read or write. The message is one line naming the file.
/// It is an <see cref="IOException"/>, so the CLI reports it with exit code 1 like a damaged index.
/// </summary>
internal sealed class InteractionStoreException(string path, string problem, Exception? inner = null)
    : IOException($"interaction store '{path}' {problem}", inner)
{
    /// <summary>The store file.</summary>
    public string StorePath { get; } = path;
}
