using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Recall;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "itemknn" ranker plugin: rescores candidates by item-item similarity to the user's history (Sarwar et al. 2001).</summary>
public sealed class ItemKnnRanker() : CollaborativeRanker<ItemKnnModel, ItemKnnRankerOptions>(ItemKnnModel.Kind, ModelFiles.LoadItemKnn, TrainingSettingsReader.ItemKnn)
{
    /// <inheritdoc/>
    public override string Name => "itemknn";

    /// <inheritdoc/>
    public override string Description => "Item-based collaborative filtering: blends in similarity to the items the user liked (shrunk cosine, top-N neighbours).";

    private protected override IRankerStage CreateStage(ItemKnnRankerOptions options, IRankerServices services, ModelStore<ItemKnnModel> store) =>
        new ItemKnnStage(Name, options, services, store);

    private protected override ICandidateSource CreateSource(ModelStore<ItemKnnModel> store, int maxHistory) => new ItemKnnSource(store, maxHistory);
}
