using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Common;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "itemknn" ranker plugin: rescores candidates by item-item similarity to the user's history (Sarwar et al. 2001).</summary>
public sealed class ItemKnnRanker : RankerPlugin<ItemKnnRankerOptions>
{
    private readonly StoreCache<ItemKnnModel> _stores = new();

    /// <inheritdoc/>
    public override string Name => "itemknn";

    /// <inheritdoc/>
    public override string Description => "Item-based collaborative filtering: blends in similarity to the items the user liked (shrunk cosine, top-N neighbours).";

    /// <summary>Creates a stage from bound options; every bad value is reported in one <see cref="ArgumentException"/>.</summary>
    protected override IRankerStage CreateStage(ItemKnnRankerOptions options, IRankerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (options.Validate() is { Count: > 0 } errors) throw new ArgumentException($"Options of ranker '{Name}' are invalid: {string.Join("; ", errors)}", nameof(options));
        return new ItemKnnStage(Name, options, services, _stores.For(options, services, ItemKnnModel.Kind, ModelFiles.LoadItemKnn));
    }
}
