namespace LuceneReco.Host.Interactions;

/// <summary>
/// An erasure whose rows are deleted (and recorded) but whose old copies remain in the store's write-ahead log, because a
/// reader outside the server's own short reads (a training run, another process) kept the log busy. Erasing again
/// finishes it; so does a clean stop.
/// </summary>
internal sealed class ErasureUnfinishedException(string path, int events, string problem) : IOException($"interaction store '{path}' {problem}")
{
    /// <summary>The store file.</summary>
    public string StorePath { get; } = path;

    /// <summary>How many of the user's events were deleted.</summary>
    public int Events { get; } = events;
}
