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
}
