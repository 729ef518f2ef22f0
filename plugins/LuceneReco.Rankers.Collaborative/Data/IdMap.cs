namespace LuceneReco.Rankers.Collaborative.Data;

/// <summary>A dense numbering of string ids: index i is the i-th distinct id added. Read-only once built.</summary>
public sealed class IdMap
{
    private readonly Dictionary<string, int> _index;
    private readonly List<string> _ids;

    /// <summary>An empty map.</summary>
    public IdMap()
    {
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        _ids = new List<string>();
    }

    /// <summary>A map numbering <paramref name="ids"/> in order; duplicates are an error.</summary>
    public IdMap(IEnumerable<string> ids) : this()
    {
        foreach (string id in ids)
        {
            if (!_index.TryAdd(id, _ids.Count)) throw new ArgumentException($"Duplicate id '{id}'", nameof(ids));
            _ids.Add(id);
        }
    }

    /// <summary>How many ids.</summary>
    public int Count => _ids.Count;

    /// <summary>The id numbered <paramref name="index"/>.</summary>
    public string this[int index] => _ids[index];

    /// <summary>The ids in index order.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>The index of <paramref name="id"/>, or -1.</summary>
    public int IndexOf(string id) => _index.TryGetValue(id, out int i) ? i : -1;

    /// <summary>Whether <paramref name="id"/> is numbered.</summary>
    public bool Contains(string id) => _index.ContainsKey(id);

    /// <summary>The index of <paramref name="id"/>, numbering it next when new.</summary>
    internal int GetOrAdd(string id)
    {
        if (_index.TryGetValue(id, out int i)) return i;
        i = _ids.Count;
        _index.Add(id, i);
        _ids.Add(id);
        return i;
    }
}
