using LuceneReco.Plugins;

namespace LuceneReco.Host.Tests.Plugins;

/// <summary>In-memory <see cref="IRankerServices"/>: items with keyword fields, interactions, a log that records.</summary>
internal sealed class FakeRankerServices : IRankerServices, IItemCatalog, IInteractionReader, IRankerLog
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> _items = new(StringComparer.Ordinal);
    private readonly List<Interaction> _interactions = new();

    public FakeRankerServices(string dataDirectory = "") => DataDirectory = dataDirectory;

    /// <summary>Adds an item whose <paramref name="field"/> holds <paramref name="value"/>.</summary>
    public FakeRankerServices Item(string id, string field, string value)
    {
        _items[id] = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { [field] = [value] };
        return this;
    }

    /// <summary>Records that <paramref name="user"/> viewed <paramref name="item"/>.</summary>
    public FakeRankerServices Viewed(string user, string item)
    {
        _interactions.Insert(0, new Interaction(user, item, "view", 1, DateTimeOffset.UnixEpoch.AddMinutes(_interactions.Count)));
        return this;
    }

    public List<string> Messages { get; } = new();

    public IItemCatalog Items => this;
    public IInteractionReader Interactions => this;
    public string DataDirectory { get; }
    public IRankerLog Log => this;
    public TimeProvider Clock => TimeProvider.System;

    public int Count => _items.Count;
    public bool Contains(string itemId) => _items.ContainsKey(itemId);
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId) =>
        _items.TryGetValue(itemId, out var fields) ? fields : new Dictionary<string, IReadOnlyList<string>>();
    public double? Number(string itemId, string field) => null;
    public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field) => [];
    public int DocFreq(string field, string term) => 0;

    public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) => _interactions.Where(i => i.UserId == userId).Take(max).ToList();
    public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => _interactions.Where(i => i.ItemId == itemId).Take(max).ToList();

    public void Info(string message) => Messages.Add("info: " + message);
    public void Warn(string message) => Messages.Add("warn: " + message);
}
