using System.Collections.Concurrent;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Host.Reco;

/// <summary>
/// The trained collaborative models the <c>itemknn</c> and <c>als</c> recall sources read: one
/// <see cref="ModelStore{TModel}"/> per folder and kind, so the newest valid version is served and a newer
/// one is picked up within <see cref="PollInterval"/>. Relative folders are resolved against <see cref="BaseDirectory"/>
/// (the serving data root). Thread-safe.
/// </summary>
internal sealed class CollaborativeModelCache(string baseDirectory, TimeProvider clock, Action<string> log)
{
    /// <summary>Least time between checks of a folder for a newer version.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, ModelStore<ItemKnnModel>> _knn = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ModelStore<ImplicitAlsModel>> _als = new(StringComparer.Ordinal);

    /// <summary>What relative model folders are resolved against.</summary>
    public string BaseDirectory { get; } = baseDirectory;

    /// <summary>The absolute folder <paramref name="models"/> names.</summary>
    public string Resolve(string models) => Path.GetFullPath(Path.Combine(BaseDirectory, models));

    /// <summary>The newest valid item-kNN model in <paramref name="models"/>, or null (with the reason in <paramref name="why"/>).</summary>
    public ItemKnnModel? ItemKnn(string models, out string? why) =>
        Get(_knn, models, ItemKnnModel.Kind, ModelFiles.LoadItemKnn, out why);

    /// <summary>The newest valid ALS model in <paramref name="models"/>, or null (with the reason in <paramref name="why"/>).</summary>
    public ImplicitAlsModel? Als(string models, out string? why) =>
        Get(_als, models, ImplicitAlsModel.Kind, ModelFiles.LoadAls, out why);

    private TModel? Get<TModel>(ConcurrentDictionary<string, ModelStore<TModel>> stores, string models, string kind,
        Func<string, (TModel, ModelMetadata)> load, out string? why) where TModel : class
    {
        string directory = Resolve(models);
        var store = stores.GetOrAdd(directory, d => new ModelStore<TModel>(d, kind, load, clock, m => log($"{kind} recall: {m}"), PollInterval));
        var loaded = store.Get();
        why = loaded is not null ? null : store.LastError ?? $"no {kind} model in {directory}";
        return loaded?.Model;
    }
}
