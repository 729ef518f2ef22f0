namespace LuceneReco.Index.Segments;

/// <summary>
/// Picks adjacent segments to merge (after Lucene's LogDocMergePolicy): a segment's level is
/// <c>floor(log_mergeFactor(liveDocs))</c>; the first run of <c>mergeFactor</c> adjacent segments of one
/// level is merged into one of the next level. Only adjacent segments merge, so doc order stays insertion order.
/// </summary>
internal static class MergePolicy
{
    /// <summary>The index of the first segment of the run to merge and its length, or null.</summary>
    public static (int Start, int Count)? Pick(IReadOnlyList<int> liveDocs, int mergeFactor)
    {
        int i = 0;
        while (i < liveDocs.Count)
        {
            int level = Level(liveDocs[i], mergeFactor);
            int j = i + 1;
            while (j < liveDocs.Count && Level(liveDocs[j], mergeFactor) == level) j++;
            if (j - i >= mergeFactor) return (i, mergeFactor);
            i = j;
        }
        return null;
    }

    /// <summary>Groups for a forced merge down to <paramref name="maxSegments"/>: merges the smallest adjacent pair-run first.</summary>
    public static (int Start, int Count) PickForced(int segmentCount, int maxSegments, int mergeFactor)
    {
        int excess = segmentCount - maxSegments + 1;
        int count = Math.Min(excess, mergeFactor * 10);
        return (segmentCount - count, count);
    }

    private static int Level(int docs, int mergeFactor) => (int)Math.Floor(Math.Log(Math.Max(docs, 1)) / Math.Log(mergeFactor));
}
