using System.Collections.Concurrent;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>One <see cref="ModelStore{TModel}"/> per model folder and plugin instance, so pipeline steps naming the same folder share one model in memory.</summary>
internal sealed class StoreCache<TModel> where TModel : class
{
    private readonly ConcurrentDictionary<string, ModelStore<TModel>> _stores = new(StringComparer.Ordinal);

    public ModelStore<TModel> For(CollaborativeRankerOptions options, IRankerServices services, string kind,
        Func<string, (TModel Model, ModelMetadata Metadata)> load)
    {
        string directory = Path.GetFullPath(Path.Combine(services.DataDirectory, options.ModelDirectory));
        return _stores.GetOrAdd(directory, d => new ModelStore<TModel>(d, kind, load, services.Clock, services.Log.Warn, TimeSpan.FromSeconds(options.PollSeconds)));
    }
}
