namespace LuceneReco.Index.Segments;

/// <summary>A segment as the writer holds it: its info as last committed or flushed, its loaded core, and current deletes.</summary>
internal sealed class SegmentState(SegmentInfo info, SegmentCore core, LiveDocs live)
{
    public SegmentInfo Info { get; set; } = info;
    public SegmentCore Core { get; } = core;
    public LiveDocs Live { get; set; } = live;

    /// <summary>Deletes changed since the deletes file named by <see cref="Info"/> was written.</summary>
    public bool DeletesDirty { get; set; }

    /// <summary>Its dense vectors (null: none), as loaded or as changed since.</summary>
    public Vectors.SegmentVectors? Vectors { get; set; }

    /// <summary>Vectors changed since the vectors file named by <see cref="Info"/> was written.</summary>
    public bool VectorsDirty { get; set; }

    public int LiveCount => Core.MaxDoc - Live.DeletedCount;
}
