using LuceneReco.Index.Segments;

namespace LuceneReco.Index;

/// <summary>One segment of an <see cref="IndexReader"/>: its core, its deletes and dense vectors (null: none) as of the reader, and its first doc number.</summary>
internal readonly record struct LeafReader(SegmentCore Core, LiveDocs Live, int DocBase, Vectors.SegmentVectors? Vectors = null);
