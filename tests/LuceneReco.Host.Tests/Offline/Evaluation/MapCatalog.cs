using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Offline.Evaluation;

/// <summary>A tiny in-memory catalogue: keyword values and body term vectors by item id.</summary>
internal sealed class MapCatalog : IItemCatalog
{
    private readonly Dictionary<string, Dictionary<string, IReadOnlyList<string>>> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KeyValuePair<string, int>>> _body = new(StringComparer.Ordinal);

    /// <summary>Adds an item with a comma-separated <paramref name="category"/> and the words of <paramref name="body"/> (each once per occurrence).</summary>
    public MapCatalog Add(string id, string category, string body, string? provider = null)
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["title"] = ["Title " + id] };
        if (category.Length > 0) fields["category"] = [category];
        if (provider is not null) fields["provider"] = [provider];
        _fields[id] = fields;
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (string w in body.Split(' ', StringSplitOptions.RemoveEmptyEntries)) counts[w] = counts.GetValueOrDefault(w) + 1;
        _body[id] = [.. counts];
        return this;
    }

    public int Count => _fields.Count;

    public bool Contains(string itemId) => _fields.ContainsKey(itemId);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId) =>
        _fields.TryGetValue(itemId, out var f) ? f : new Dictionary<string, IReadOnlyList<string>>();

    public double? Number(string itemId, string field) => null;

    public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field) =>
        field == "body" && _body.TryGetValue(itemId, out var v) ? v : [];

    public int DocFreq(string field, string term)
    {
        int n = 0;
        foreach (var v in _body.Values)
            if (v.Exists(p => p.Key == term)) n++;
        return field == "body" ? n : 0;
    }
}
