using System.Text.Json;
using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Common;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "itemknn" ranker plugin: rescores candidates by item-item similarity to the user's history (Sarwar et al. 2001).</summary>
public sealed class ItemKnnRanker : IRankerPlugin
{
    private readonly StoreCache<ItemKnnModel> _stores = new();

    /// <inheritdoc/>
    public string Name => "itemknn";

    /// <inheritdoc/>
    public Version Version => typeof(ItemKnnRanker).Assembly.GetName().Version ?? new Version(1, 0);

    /// <inheritdoc/>
    public string Description => "Item-based collaborative filtering: blends in similarity to the items the user liked (shrunk cosine, top-N neighbours).";

    /// <summary>
    /// Binds <paramref name="json"/> to <see cref="ItemKnnRankerOptions"/> (names in any case, unknown names rejected) and creates a stage;
    /// every bad option is reported in one <see cref="ArgumentException"/>. Deliberately not <c>RankerPlugin&lt;TOptions&gt;</c>:
    /// its System.Text.Json binding caches the options type process-wide, which keeps an unloaded plugin in memory.
    /// </summary>
    public IRankerStage CreateStage(JsonElement? json, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        ItemKnnRankerOptions options = OptionsBinder.Bind<ItemKnnRankerOptions>(json, Name);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException($"Options of ranker '{Name}' are invalid: {string.Join("; ", errors)}", nameof(json));
        return new ItemKnnStage(Name, options, services, _stores.For(options, services, ItemKnnModel.Kind, ModelFiles.LoadItemKnn));
    }
}
