namespace LuceneReco.Index;

/// <summary>The outcome of checking one file.</summary>
/// <param name="File">File name within the index directory.</param>
/// <param name="Bytes">Its length.</param>
/// <param name="Problem">Null when every byte checked out; otherwise what is wrong.</param>
public sealed record FileCheck(string File, long Bytes, string? Problem);

/// <summary>Verifies every byte of every file of the last commit, as Lucene's CheckIndex does.</summary>
public static class IndexChecker
{
    /// <summary>Checks the index at <paramref name="directory"/>; never throws for damage, only reports it.</summary>
    public static IReadOnlyList<FileCheck> Check(string directory) => throw new NotImplementedException();
}
