namespace LuceneReco.Rankers.Collaborative.Common;

/// <summary>
/// Keeps the k best (index, score) pairs offered, in a min-heap whose root is the worst kept. Higher score wins;
/// on equal scores the lower index wins, so results are deterministic. Reusable (<see cref="Clear"/>) so hot loops do not allocate.
/// </summary>
internal sealed class TopK
{
    private readonly int[] _index;
    private readonly float[] _score;
    private int _count;

    public TopK(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _index = new int[capacity];
        _score = new float[capacity];
    }

    public int Count => _count;

    public void Clear() => _count = 0;

    /// <summary>Offers a pair; kept when the heap is not full or it beats the worst kept.</summary>
    public void Offer(int index, float score)
    {
        if (_index.Length == 0) return;
        if (_count < _index.Length)
        {
            int at = _count++;
            _index[at] = index;
            _score[at] = score;
            SiftUp(at);
        }
        else if (Worse(_index[0], _score[0], index, score))
        {
            _index[0] = index;
            _score[0] = score;
            SiftDown(0);
        }
    }

    /// <summary>Writes the kept pairs best first into the spans (each at least <see cref="Count"/> long) and empties the heap; returns how many.</summary>
    public int DrainDescending(Span<int> indices, Span<float> scores)
    {
        int n = _count;
        for (int at = n - 1; at >= 0; at--)
        {
            indices[at] = _index[0];
            scores[at] = _score[0];
            _count--;
            if (_count > 0)
            {
                _index[0] = _index[_count];
                _score[0] = _score[_count];
                SiftDown(0);
            }
        }
        return n;
    }

    /// <summary>Whether (ia, sa) ranks below (ib, sb).</summary>
    private static bool Worse(int ia, float sa, int ib, float sb) => sa < sb || (sa == sb && ia > ib);

    private void SiftUp(int at)
    {
        while (at > 0)
        {
            int parent = (at - 1) >> 1;
            if (!Worse(_index[at], _score[at], _index[parent], _score[parent])) break;
            Swap(at, parent);
            at = parent;
        }
    }

    private void SiftDown(int at)
    {
        while (true)
        {
            int left = 2 * at + 1, worst = at;
            if (left < _count && Worse(_index[left], _score[left], _index[worst], _score[worst])) worst = left;
            if (left + 1 < _count && Worse(_index[left + 1], _score[left + 1], _index[worst], _score[worst])) worst = left + 1;
            if (worst == at) return;
            Swap(at, worst);
            at = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_index[a], _index[b]) = (_index[b], _index[a]);
        (_score[a], _score[b]) = (_score[b], _score[a]);
    }
}
