using LuceneReco.Plugins;

namespace LuceneReco.Rankers.Collaborative.Tests.Support;

/// <summary>The host's side of the contract, in memory: items with titles, interactions, a log that keeps lines, a settable clock.</summary>
internal sealed class FakeServices(string dataDirectory) : IRankerServices
{
    public FakeCatalog Catalog { get; } = new();

    public InteractionList Events { get; } = new();

    public ListLog Lines { get; } = new();

    public ManualClock Time { get; } = new();

    public IItemCatalog Items => Catalog;

    public IInteractionReader Interactions => Events;

    public string DataDirectory { get; } = dataDirectory;

    public IRankerLog Log => Lines;

    public TimeProvider Clock => Time;
}

internal sealed class FakeCatalog : IItemCatalog
{
    private readonly Dictionary<string, string> _titles = new(StringComparer.Ordinal);

    public void Add(string id, string title) => _titles[id] = title;

    public int Count => _titles.Count;

    public bool Contains(string itemId) => _titles.ContainsKey(itemId);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId) =>
        _titles.TryGetValue(itemId, out string? t)
            ? new Dictionary<string, IReadOnlyList<string>> { ["title"] = [t] }
            : new Dictionary<string, IReadOnlyList<string>>();

    public double? Number(string itemId, string field) => null;

    public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field) => [];

    public int DocFreq(string field, string term) => 0;
}
