using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Recall;

/// <summary>
/// The "itemknn" source: the neighbours of the user's items, scored <c>sum over history items j of r_uj * sim(j, i)</c> by the
/// served item-kNN model (Sarwar et al. 2001); for "similar items" the neighbours of the one item.
/// </summary>
internal sealed class ItemKnnSource(ModelStore<ItemKnnModel> store, int maxHistory) : CollaborativeSource<ItemKnnModel>(store, maxHistory)
{
    protected override IdMap ItemsOf(ItemKnnModel model) => model.Items;

    protected override InteractionMatrixOptions MatrixOptions(ItemKnnModel model) => model.MatrixOptions;

    protected override List<ScoredItem> Score(ItemKnnModel model, List<WeightedItem> history, int count) =>
        model.Recommend(history, count, excludeSeen: true);

    protected override string Why(bool fromOneItem) => fromOneItem ? "often chosen by the same people" : "often chosen with items you liked";
}
