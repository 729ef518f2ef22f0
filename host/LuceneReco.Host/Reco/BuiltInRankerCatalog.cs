using System.Collections.Concurrent;
using LuceneReco.Host.Plugins;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Ranking;

namespace LuceneReco.Host.Reco;

/// <summary>
/// The collaborative rankers (<c>itemknn</c>, <c>als</c>) built into the host, for offline runs
/// (<c>recommend-batch</c>, <c>eval</c>) that need no plugins folder. <c>serve</c> still loads them as plugins.
/// Faults are counted, never quarantine: an offline run reports them at the end. Thread-safe.
/// </summary>
internal sealed class BuiltInRankerCatalog : IRankerCatalog
{
    private readonly RankerHandle[] _rankers;
    private readonly ConcurrentDictionary<string, int> _faults = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _loadedAt;

    public BuiltInRankerCatalog(TimeProvider clock)
    {
        IRankerPlugin[] plugins = [new ItemKnnRanker(), new AlsRanker()];
        _rankers = Array.ConvertAll(plugins, p => new RankerHandle(p.Name, p.Version, p, 1));
        _loadedAt = clock.GetUtcNow();
    }

    /// <summary>Faults reported so far, by ranker.</summary>
    public IReadOnlyDictionary<string, int> Faults => _faults;

    public RankerHandle? Find(string name) => Array.Find(_rankers, r => string.Equals(r.Name, name, StringComparison.Ordinal));

    public IReadOnlyList<PluginStatus> List() =>
        Array.ConvertAll(_rankers, r => new PluginStatus(r.Name, r.Version, "loaded", null, "(built in)", null, _loadedAt, _faults.GetValueOrDefault(r.Name)));

    public void ReportFault(string name, string reason) => _faults.AddOrUpdate(name, 1, (_, n) => n + 1);

    public void Reload()
    {
        // built-in rankers have no folder to rescan
    }
}
