using System.Collections.Concurrent;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>
/// One <see cref="ModelStore{TModel}"/> per model folder, alias and plugin instance, so every recall step and rerank stage naming
/// the same folder shares one model in memory and one poller: a new version reaches recall and rerank together.
/// </summary>
internal sealed class StoreCache<TModel> where TModel : class
{
    private readonly ConcurrentDictionary<string, ModelStore<TModel>> _stores = new(StringComparer.Ordinal);

    /// <summary>The store of <paramref name="modelDirectory"/> (relative to the plugin's data folder); following <paramref name="reference"/> (an alias or version, <c>production</c> by default); the first caller's poll interval wins.</summary>
    public ModelStore<TModel> For(string modelDirectory, double pollSeconds, IRankerServices services, string kind,
        Func<string, (TModel Model, ModelMetadata Metadata)> load, string reference = ModelAliases.Production)
    {
        string directory = Path.GetFullPath(Path.Combine(services.DataDirectory, modelDirectory));
        return _stores.GetOrAdd(directory + "\n" + reference,
            _ => new ModelStore<TModel>(directory, kind, load, services.Clock, services.Log.Warn, TimeSpan.FromSeconds(pollSeconds), reference));
    }

    /// <summary>
    /// Why a store's newest model file is not serving, one line per store in use (polled at the store's own interval,
    /// so a problem fixed on disk clears without a request having to reach the stage); for <see cref="IPluginHealth"/>.
    /// </summary>
    public IReadOnlyList<string> Problems(string plugin)
    {
        var problems = new List<string>();
        foreach (var store in _stores.Values)
        {
            store.Get();
            if (store.LastError is { } error) problems.Add($"{plugin}: {error}");
        }
        return problems;
    }

    /// <summary>
    /// Changes whenever any store in use puts another model in service (each store polled at its own interval first, as
    /// a request would); for <see cref="IPluginState"/>.
    /// </summary>
    public long StateVersion()
    {
        long version = 0;
        foreach (var store in _stores.Values)
        {
            store.Get();
            version += store.Published;
        }
        return version + _stores.Count;
    }
}
