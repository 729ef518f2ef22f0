namespace LuceneReco.Index.Search;

/// <summary>
/// Per-segment scratch for term-at-a-time scoring: a score sum (double, as Lucene sums clause scores),
/// counts of matching Should and Must clauses, and the list of touched docs. Reset is O(1) through a stamp.
/// </summary>
internal sealed class Accumulator
{
    public const int Excluded = -1_000_000;
    public double[] Score = [];
    public int[] Should = [];
    public int[] Must = [];
    public int[] Touched = [];
    public int TouchedCount;
    private int[] _stamp = [];
    private int _generation;

    [ThreadStatic] private static Accumulator? _pooled;

    /// <summary>The calling thread's top-level accumulator, reset for <paramref name="maxDoc"/> docs.</summary>
    public static Accumulator ForThread(int maxDoc)
    {
        var a = _pooled ??= new Accumulator();
        a.Reset(maxDoc);
        return a;
    }

    public void Reset(int maxDoc)
    {
        if (_stamp.Length < maxDoc)
        {
            int n = Math.Max(maxDoc, _stamp.Length * 2);
            Score = new double[n]; Should = new int[n]; Must = new int[n]; Touched = new int[n]; _stamp = new int[n];
            _generation = 0;
        }
        if (++_generation == int.MaxValue) { Array.Clear(_stamp); _generation = 1; }
        TouchedCount = 0;
    }

    /// <summary>Whether <paramref name="doc"/> was touched in this round.</summary>
    public bool IsTouched(int doc) => _stamp[doc] == _generation;

    /// <summary>Registers <paramref name="doc"/> (clearing its slots the first time in this round).</summary>
    public void Touch(int doc)
    {
        if (_stamp[doc] == _generation) return;
        _stamp[doc] = _generation;
        Score[doc] = 0;
        Should[doc] = 0;
        Must[doc] = 0;
        Touched[TouchedCount++] = doc;
    }
}
