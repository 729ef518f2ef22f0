namespace LuceneReco.Index.Search.MoreLikeThis;

/// <summary>
/// A bounded binary min-heap laid out as Lucene's <c>util.PriorityQueue</c> (1-based array, the same
/// sift-up and sift-down), so that which of several equal-scoring terms is evicted matches Lucene.
/// </summary>
internal sealed class ScoreTermQueue(int maxSize)
{
    private readonly InterestingTerm?[] _heap = new InterestingTerm?[Math.Max(maxSize, 0) + 1];

    public int Count { get; private set; }

    public InterestingTerm? Top => Count > 0 ? _heap[1] : null;

    private static bool LessThan(InterestingTerm a, InterestingTerm b) => a.Score < b.Score;

    public void Add(InterestingTerm t)
    {
        _heap[++Count] = t;
        int i = Count, j = i >>> 1;
        while (j > 0 && LessThan(t, _heap[j]!)) { _heap[i] = _heap[j]; i = j; j >>>= 1; }
        _heap[i] = t;
    }

    /// <summary>Replaces the top (the lowest score) and restores the heap.</summary>
    public void ReplaceTop(InterestingTerm t)
    {
        _heap[1] = t;
        DownHeap(1);
    }

    public InterestingTerm? Pop()
    {
        if (Count == 0) return null;
        var result = _heap[1];
        _heap[1] = _heap[Count];
        _heap[Count--] = null;
        DownHeap(1);
        return result;
    }

    private void DownHeap(int i)
    {
        if (Count == 0) return;
        var node = _heap[i]!;
        int j = i << 1, k = j + 1;
        if (k <= Count && LessThan(_heap[k]!, _heap[j]!)) j = k;
        while (j <= Count && LessThan(_heap[j]!, node))
        {
            _heap[i] = _heap[j];
            i = j;
            j = i << 1;
            k = j + 1;
            if (k <= Count && LessThan(_heap[k]!, _heap[j]!)) j = k;
        }
        _heap[i] = node;
    }
}
