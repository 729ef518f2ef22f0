namespace LuceneReco.Index.Segments;

/// <summary>
/// Picks adjacent segments to merge, as Lucene's LogDocMergePolicy does: a segment's level is
/// <c>log_mergeFactor(liveDocs)</c>; every segment below <see cref="MinMergeDocs"/> live documents counts as one lowest
/// level, and from the start the segments within 0.75 of the largest remaining level (up to the last such one, so smaller
/// segments between larger ones are swept along) are merged <c>mergeFactor</c> at a time. Sweeping in the small segments
/// between big ones (a big segment that lost documents to updates, an empty one) is what keeps the count bounded under
/// sustained updates: at most about <c>mergeFactor</c> segments per level. Only adjacent segments merge, so doc order
/// stays insertion order.
/// </summary>
internal static class MergePolicy
{
    /// <summary>Segments with fewer live documents than this are all of the lowest level (Lucene defaults to 1000; lower here, since a commit per request makes many tiny segments and every merge below the floor rewrites its largest).</summary>
    public const int MinMergeDocs = 100;

    /// <summary>The index of the first segment of the run to merge and its length, or null.</summary>
    public static (int Start, int Count)? Pick(IReadOnlyList<int> liveDocs, int mergeFactor)
    {
        int n = liveDocs.Count;
        if (n < mergeFactor) return null;
        var levels = new double[n];
        for (int i = 0; i < n; i++) levels[i] = Level(liveDocs[i], mergeFactor);
        double levelFloor = Level(MinMergeDocs, mergeFactor);
        int start = 0;
        while (start < n)
        {
            double maxLevel = levels[start];
            for (int i = start + 1; i < n; i++) maxLevel = Math.Max(maxLevel, levels[i]);
            double levelBottom;
            if (maxLevel <= levelFloor) levelBottom = -1; // every remaining segment is small: one level
            else
            {
                levelBottom = maxLevel - 0.75;
                if (levelBottom < levelFloor) levelBottom = levelFloor;
            }
            int upto = n - 1;
            while (upto >= start && levels[upto] < levelBottom) upto--;
            if (upto - start + 1 >= mergeFactor) return (start, mergeFactor);
            start = upto + 1;
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

    private static double Level(int docs, int mergeFactor) => Math.Log(Math.Max(docs, 1)) / Math.Log(mergeFactor);
}
