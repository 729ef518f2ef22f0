namespace LuceneReco.Index;

/// <summary>Size figures of an index (or of one point-in-time reader of it).</summary>
/// <param name="Segments">Number of segments.</param>
/// <param name="Documents">Live documents.</param>
/// <param name="DeletedDocuments">Deleted documents still occupying space until merged away.</param>
/// <param name="Bytes">Bytes on disk of the files the commit references.</param>
/// <param name="Generation">The commit generation (N of segments_N).</param>
public sealed record IndexStats(int Segments, int Documents, int DeletedDocuments, long Bytes, long Generation);
