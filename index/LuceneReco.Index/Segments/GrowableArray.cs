namespace LuceneReco.Index.Segments;

/// <summary>A list of unmanaged values with direct span access; cheaper than List&lt;T&gt; on the indexing path.</summary>
internal struct GrowableArray<T> where T : unmanaged
{
    private T[] _items;

    public GrowableArray(int capacity) { _items = new T[Math.Max(capacity, 4)]; Count = 0; }

    public int Count { get; private set; }

    public readonly T[] Items => _items;

    public readonly Span<T> Span => _items.AsSpan(0, Count);

    public readonly long Bytes => (long)_items.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    public ref T this[int i] => ref _items[i];

    public void Clear() => Count = 0;

    public void Add(T value)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = value;
    }

    /// <summary>Appends <paramref name="n"/> default values and returns the index of the first.</summary>
    public int Extend(int n)
    {
        int start = Count;
        if (Count + n > _items.Length) Array.Resize(ref _items, Math.Max(_items.Length * 2, Count + n));
        _items.AsSpan(Count, n).Clear();
        Count += n;
        return start;
    }
}
