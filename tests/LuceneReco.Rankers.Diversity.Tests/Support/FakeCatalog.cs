using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Diversity.Tests.Support;

/// <summary>
/// An in-memory item catalogue: fields as given, term vectors of the text fields ("title", "body") by a plain lowercase
/// word split, document frequencies over the items added. Counts the field reads, so tests can see what a stage reads.
/// </summary>
internal sealed class FakeCatalog : IItemCatalog, IItemVectors
{
    private readonly Dictionary<string, float[]> _embeddings = new(StringComparer.Ordinal);
    private int _dimension;
    private static readonly string[] TextFields = ["title", "body"];
    private readonly Dictionary<string, Dictionary<string, IReadOnlyList<string>>> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Field, string Term), int> _docFreq = [];
    private readonly Dictionary<(string Id, string Field), KeyValuePair<string, int>[]> _vectors = [];

    public int FieldReads { get; private set; }

    /// <summary>Adds an item; <paramref name="fields"/> are name/value pairs, a value with commas being a multi-valued keyword.</summary>
    public FakeCatalog Add(string id, params (string Field, string Value)[] fields)
    {
        var stored = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach ((string field, string value) in fields)
            stored[field] = TextFields.Contains(field) ? [value] : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        _items[id] = stored;
        foreach (string field in TextFields)
        {
            if (!stored.TryGetValue(field, out IReadOnlyList<string>? text)) continue;
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (string word in text[0].ToLowerInvariant().Split([' ', ',', '.', ':', '-', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
                counts[word] = counts.GetValueOrDefault(word) + 1;
            _vectors[(id, field)] = [.. counts];
            foreach (string term in counts.Keys) _docFreq[(field, term)] = _docFreq.GetValueOrDefault((field, term)) + 1;
        }
        return this;
    }

    /// <summary>Gives <paramref name="id"/> an embedding vector (stored normalised, as the index stores them).</summary>
    public FakeCatalog Vector(string id, params float[] vector)
    {
        float norm = MathF.Sqrt(vector.Sum(v => v * v));
        _embeddings[id] = [.. vector.Select(v => v / norm)];
        _dimension = vector.Length;
        return this;
    }

    public int VectorDimension => _dimension;

    public string? VectorModel => _dimension == 0 ? null : "test-model";

    public bool TryCopyVector(string itemId, Span<float> destination)
    {
        if (!_embeddings.TryGetValue(itemId, out var v)) return false;
        v.CopyTo(destination);
        return true;
    }

    public int Count => _items.Count;

    public bool Contains(string itemId) => _items.ContainsKey(itemId);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId)
    {
        FieldReads++;
        return _items.TryGetValue(itemId, out var f) ? f : new Dictionary<string, IReadOnlyList<string>>();
    }

    public double? Number(string itemId, string field) => null;

    public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field) =>
        _vectors.TryGetValue((itemId, field), out var v) ? v : [];

    public int DocFreq(string field, string term) => _docFreq.GetValueOrDefault((field, term));
}
