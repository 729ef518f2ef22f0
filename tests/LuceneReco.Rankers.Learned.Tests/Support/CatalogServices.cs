using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Learned.Tests.Support;

/// <summary>The host's side of the contract with items (fields, term vectors, numbers) and interactions, in memory, and a fixed clock.</summary>
internal sealed class CatalogServices(DateTimeOffset now) : IRankerServices
{
    public MemoryCatalog Catalog { get; } = new();

    public MemoryInteractions Events { get; } = new();

    public IItemCatalog Items => Catalog;

    public IInteractionReader Interactions => Events;

    public string DataDirectory { get; init; } = Path.GetTempPath();

    public IRankerLog Log { get; } = new ListLog();

    public TimeProvider Clock { get; } = new FixedClock(now);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

internal sealed class MemoryCatalog : IItemCatalog, IFieldStatistics, IItemVectors
{
    private readonly Dictionary<string, float[]> _embeddings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, IReadOnlyList<string>>> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), double> _numbers = [];
    private readonly Dictionary<(string, string), KeyValuePair<string, int>[]> _vectors = [];

    /// <summary>When set, <see cref="IFieldStatistics.AverageLength"/> answers this; otherwise null (unknown).</summary>
    public double? KnownAverageLength { get; set; }

    public MemoryCatalog Add(string id, string? title = null, params (string Field, string[] Values)[] keywords)
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (title is not null) fields["title"] = [title];
        foreach (var (f, v) in keywords) fields[f] = v;
        _fields[id] = fields;
        return this;
    }

    /// <summary>Gives <paramref name="id"/>'s <paramref name="field"/> a term vector of the words of <paramref name="text"/> (as analysed: lower case, no stemming).</summary>
    public MemoryCatalog Text(string id, string field, string text)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)) counts[w] = counts.GetValueOrDefault(w) + 1;
        _vectors[(id, field)] = [.. counts];
        return this;
    }

    /// <summary>Gives <paramref name="id"/> an embedding vector, stored normalised (as the index stores them).</summary>
    public MemoryCatalog Vector(string id, params float[] vector)
    {
        double norm = Math.Sqrt(vector.Sum(v => (double)v * v));
        _embeddings[id] = [.. vector.Select(v => (float)(v / norm))];
        return this;
    }

    public int VectorDimension => _embeddings.Count == 0 ? 0 : _embeddings.Values.First().Length;

    public string? VectorModel => _embeddings.Count == 0 ? null : "test-model";

    public bool TryCopyVector(string itemId, Span<float> destination)
    {
        if (!_embeddings.TryGetValue(itemId, out var v)) return false;
        v.CopyTo(destination);
        return true;
    }

    public MemoryCatalog Number(string id, string field, double value)
    {
        _numbers[(id, field)] = value;
        return this;
    }

    public int Count => _fields.Count;

    public bool Contains(string itemId) => _fields.ContainsKey(itemId);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId) =>
        _fields.TryGetValue(itemId, out var f) ? f : new Dictionary<string, IReadOnlyList<string>>();

    double? IItemCatalog.Number(string itemId, string field) => _numbers.TryGetValue((itemId, field), out double v) ? v : null;

    public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field) => _vectors.TryGetValue((itemId, field), out var v) ? v : [];

    public int DocFreq(string field, string term)
    {
        int n = 0;
        foreach (var ((_, f), v) in _vectors)
            if (f == field && Array.Exists(v, p => p.Key == term)) n++;
        return n;
    }

    public double? AverageLength(string field) => KnownAverageLength;

    public int? DocCount(string field) => null;
}

internal sealed class MemoryInteractions : IInteractionReader
{
    public List<Interaction> All { get; } = [];

    public void Add(string user, string item, string kind, double weight, DateTimeOffset at) => All.Add(new Interaction(user, item, kind, weight, at));

    public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) =>
        [.. All.Where(e => e.UserId == userId).OrderByDescending(e => e.Timestamp).Take(max)];

    public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) =>
        [.. All.Where(e => e.ItemId == itemId).OrderByDescending(e => e.Timestamp).Take(max)];
}
