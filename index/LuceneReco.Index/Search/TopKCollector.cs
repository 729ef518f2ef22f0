namespace LuceneReco.Index.Search;

/// <summary>Keeps the k best (score, doc) pairs: a min-heap whose top is the worst kept hit; ties prefer the lower doc.</summary>
internal sealed class TopKCollector(int k)
{
    private readonly ScoreDoc[] _heap = new ScoreDoc[k];
    private int _size;

    public int TotalHits { get; private set; }

    /// <summary>True when (a) ranks below (b): lower score, or equal score and higher doc.</summary>
    private static bool Worse(in ScoreDoc a, in ScoreDoc b) => a.Score < b.Score || (a.Score == b.Score && a.Doc > b.Doc);

    /// <summary>The score a new hit must beat once the heap is full (negative infinity before).</summary>
    public float Threshold => _size == _heap.Length ? _heap[0].Score : float.NegativeInfinity;

    /// <summary>Counts hits that matched but were proven unable to enter the top k.</summary>
    public void AddUncountedHits(int n) => TotalHits += n;

    public void Collect(int doc, float score)
    {
        TotalHits++;
        var hit = new ScoreDoc(doc, score);
        if (_size < _heap.Length)
        {
            int i = _size++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Worse(hit, _heap[parent])) break;
                _heap[i] = _heap[parent];
                i = parent;
            }
            _heap[i] = hit;
            return;
        }
        if (!Worse(_heap[0], hit)) return;
        int j = 0;
        while (true)
        {
            int child = 2 * j + 1;
            if (child >= _size) break;
            if (child + 1 < _size && Worse(_heap[child + 1], _heap[child])) child++;
            if (!Worse(_heap[child], hit)) break;
            _heap[j] = _heap[child];
            j = child;
        }
        _heap[j] = hit;
    }

    /// <summary>The kept hits, best first.</summary>
    public TopDocs ToTopDocs()
    {
        var hits = _heap.AsSpan(0, _size).ToArray();
        Array.Sort(hits, (a, b) => Worse(a, b) ? 1 : Worse(b, a) ? -1 : 0);
        return new TopDocs(TotalHits, hits);
    }
}
