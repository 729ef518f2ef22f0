namespace LuceneReco.Index.Backends;

/// <summary>
/// A write to an index opened read-only (an index another application writes, attached for recall). The host
/// answers it with 409 Conflict: the request is fine, the index does not take writes here.
/// </summary>
public sealed class IndexReadOnlyException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="directory"/>, saying which write was refused and why.</summary>
    public IndexReadOnlyException(string directory, string operation)
        : base($"The index at '{directory}' is attached read-only (another application writes it); {operation} is refused. Write through that application, then refresh.")
    {
        Directory = directory;
        Operation = operation;
    }

    /// <summary>The index directory.</summary>
    public string Directory { get; }

    /// <summary>The refused write ("add", "update", "delete", "commit").</summary>
    public string Operation { get; }
}
