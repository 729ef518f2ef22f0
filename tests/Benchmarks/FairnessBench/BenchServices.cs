using LuceneReco.Plugins;

namespace LuceneReco.FairnessBench;

/// <summary>An in-memory catalogue (title, provider, category per item) and one user's history, as the host would serve them.</summary>
internal sealed class BenchServices(string dataDirectory) : IRankerServices, IItemCatalog, IInteractionReader, IRankerLog
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> _fields = new(StringComparer.Ordinal);
    private readonly List<Interaction> _history = [];
    private static readonly Dictionary<string, IReadOnlyList<string>> None = new();

    public void Add(string id, string title, string provider, string category) =>
        _fields[id] = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["title"] = [title],
            ["provider"] = [provider],
            ["category"] = [category],
        };

    public void AddHistory(string user, string item) =>
        _history.Add(new Interaction(user, item, "view", 1, DateTimeOffset.UnixEpoch.AddMinutes(_history.Count)));

    public IItemCatalog Items => this;

    public IInteractionReader Interactions => this;

    public string DataDirectory { get; } = dataDirectory;

    public IRankerLog Log => this;

    public TimeProvider Clock => TimeProvider.System;

    public int Count => _fields.Count;

    public bool Contains(string itemId) => _fields.ContainsKey(itemId);

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fields(string itemId) => _fields.TryGetValue(itemId, out var f) ? f : None;

    public double? Number(string itemId, string field) => null;

    public IReadOnlyList<KeyValuePair<string, int>> TermVector(string itemId, string field) => [];

    public int DocFreq(string field, string term) => 0;

    public IReadOnlyList<Interaction> ForUser(string userId, int max = 1000) => _history.Count > max ? _history.GetRange(0, max) : _history;

    public IReadOnlyList<Interaction> ForItem(string itemId, int max = 1000) => [];

    public void Info(string message) { }

    public void Warn(string message) => Console.Error.WriteLine(message);
}
