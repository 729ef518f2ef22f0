using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Fairness.Tests.Support;

/// <summary>The host's side of the contract, in memory: items with keyword and numeric fields, interactions, a log, a settable clock.</summary>
internal sealed class FakeServices(string dataDirectory) : IRankerServices
{
    public FakeCatalog Catalog { get; } = new();

    public FakeInteractions Events { get; } = new();

    public ListLog Lines { get; } = new();

    public ManualClock Time { get; } = new();

    public IItemCatalog Items => Catalog;

    public IInteractionReader Interactions => Events;

    public string DataDirectory { get; } = dataDirectory;

    public IRankerLog Log => Lines;

    public TimeProvider Clock => Time;

    /// <summary>The pipeline the host names (null: none, as outside a pipeline).</summary>
    public string? PipelineName { get; set; }

    /// <summary>The step the host names (null: none).</summary>
    public string? StepName { get; set; }
}

internal sealed class FakeCatalog : IItemCatalog
{
    private readonly Dictionary<string, Dictionary<string, IReadOnlyList<string>>> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), double> _numbers = new();
    private static readonly Dictionary<string, IReadOnlyList<string>> None = new();

    /// <summary>Adds an item with a title and keyword fields given as field=value pairs (a field may repeat).</summary>
    public void Add(string id, string? title, params (string Field, string Value)[] fields)
    {
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (title is not null) map["title"] = [title];
        foreach (var (field, value) in fields)
            map[field] = map.TryGetValue(field, out var old) ? [.. old, value] : [value];
        _fields[id] = map;
    }

    public void SetNumber(string id, string field, double value) => _numbers[(id, field)] = value;

    public int Count => _fields.Count;

    public bool Contains(string itemId) => _fields.ContainsKey(itemId);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId) =>
        _fields.TryGetValue(itemId, out var map) ? map : None;

    public double? Number(string itemId, string field) => _numbers.TryGetValue((itemId, field), out double v) ? v : null;

    public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field) => [];

    public int DocFreq(string field, string term) => 0;
}

internal sealed class FakeInteractions : InteractionList
{
    /// <summary>Adds a view of <paramref name="item"/> by <paramref name="user"/>, a minute after the previous event.</summary>
    public void Add(string user, string item) =>
        Add(new Interaction(user, item, "view", 1, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Count)));
}
