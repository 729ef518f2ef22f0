using LuceneReco.Index.Documents;

namespace LuceneReco.Index;

/// <summary>Options of an <see cref="IndexWriter"/>.</summary>
public sealed record IndexWriterOptions
{
    /// <summary>The schema for a new index. For an existing index, null (use the stored one) or an equal schema.</summary>
    /// <value>The default is <c>null</c>.</value>
    public IndexSchema? Schema { get; init; }

    /// <summary>Buffered documents are flushed to a new segment when their estimated size passes this many MiB.</summary>
    /// <value>The default is 64.</value>
    public double RamBufferMb { get; init; } = 64;

    /// <summary>How many segments of one size tier are merged into one.</summary>
    /// <value>The default is 10.</value>
    public int MergeFactor { get; init; } = 10;

    /// <summary>Whether merges run on a background thread (true) or inline on flush (false).</summary>
    /// <value>The default is <c>true</c>.</value>
    public bool BackgroundMerges { get; init; } = true;

    /// <summary>Reports every problem with these options at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (!(RamBufferMb >= 1 && RamBufferMb <= 4096)) errors.Add($"RamBufferMb must be 1 to 4096, got {RamBufferMb}");
        if (MergeFactor is < 2 or > 100) errors.Add($"MergeFactor must be 2 to 100, got {MergeFactor}");
        return errors;
    }
}
