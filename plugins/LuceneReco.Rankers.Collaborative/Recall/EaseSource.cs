using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Ease;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Recall;

/// <summary>
/// The "ease" source: the top items by <c>sum over history items i of r_ui * B_ij</c> over the whole catalogue the served EASE
/// model knows (Steck 2019); for "similar items" the items with the largest weights from the one item.
/// </summary>
internal sealed class EaseSource(ModelStore<EaseModel> store, int maxHistory) : CollaborativeSource<EaseModel>(store, maxHistory)
{
    protected override IdMap ItemsOf(EaseModel model) => model.Items;

    protected override InteractionMatrixOptions MatrixOptions(EaseModel model) => model.MatrixOptions;

    protected override List<ScoredItem> Score(EaseModel model, List<WeightedItem> history, int count) =>
        model.Recommend(history, count, excludeSeen: true);

    protected override string Why(bool fromOneItem) => fromOneItem ? "goes with this item" : "goes with items you liked";
}
