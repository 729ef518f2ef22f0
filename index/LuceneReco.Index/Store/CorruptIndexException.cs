namespace LuceneReco.Index.Store;

/// <summary>A file of the index is damaged: names the file and, where known, the byte offset.</summary>
public sealed class CorruptIndexException : IOException
{
    /// <summary>Creates the exception for <paramref name="file"/> at <paramref name="offset"/> (-1 when unknown).</summary>
    public CorruptIndexException(string file, long offset, string reason, Exception? inner = null)
        : base($"Index file '{file}' is damaged{(offset >= 0 ? $" at offset {offset}" : "")}: {reason}", inner)
    {
        FilePath = file;
        Offset = offset;
        Reason = reason;
    }

    /// <summary>The damaged file.</summary>
    public string FilePath { get; }

    /// <summary>The byte offset where the damage was found, or -1.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Reason { get; }

    /// <summary>The <see cref="Reason"/> of a file a commit or segment names that is not there.</summary>
    public const string MissingReason = "the file is missing";

    /// <summary>The file is not there (rather than damaged): after a merge deleted it, or lost.</summary>
    public bool IsMissingFile => Reason == MissingReason || InnerException is FileNotFoundException;

    /// <summary>The exception for <paramref name="file"/>, which is not there.</summary>
    public static CorruptIndexException Missing(string file, Exception? inner = null) => new(file, -1, MissingReason, inner);
}
