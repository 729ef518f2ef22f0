using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Recall;

/// <summary>
/// The "als" source: the top items by <c>x_u . y_i</c>, with <c>x_u</c> folded in from the user's current history against the
/// served model's item factors (one exact solve, so events since training count). Items nobody interacted with before
/// training are never recalled; the content sources find those.
/// </summary>
internal sealed class AlsSource(ModelStore<ImplicitAlsModel> store, int maxHistory) : CollaborativeSource<ImplicitAlsModel>(store, maxHistory)
{
    protected override IdMap ItemsOf(ImplicitAlsModel model) => model.Items;

    protected override InteractionMatrixOptions MatrixOptions(ImplicitAlsModel model) => model.MatrixOptions;

    protected override List<ScoredItem> Score(ImplicitAlsModel model, List<WeightedItem> history, int count) =>
        model.Recommend(history, count, excludeSeen: true);

    protected override string Why(bool fromOneItem) => fromOneItem ? "liked by the same people" : "liked by people with tastes like yours";
}
