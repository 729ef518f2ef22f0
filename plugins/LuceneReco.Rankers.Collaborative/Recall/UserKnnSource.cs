using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.UserKnn;

namespace LuceneReco.Rankers.Collaborative.Recall;

/// <summary>
/// The "userknn" source: the items the user's most similar training users chose (Herlocker et al. 1999), the user never
/// counted as their own neighbour; for "similar items" the items chosen by the people who chose the one item.
/// </summary>
internal sealed class UserKnnSource(ModelStore<UserKnnModel> store, int maxHistory) : CollaborativeSource<UserKnnModel>(store, maxHistory)
{
    protected override IdMap ItemsOf(UserKnnModel model) => model.Items;

    protected override InteractionMatrixOptions MatrixOptions(UserKnnModel model) => model.MatrixOptions;

    protected override List<ScoredItem> Score(UserKnnModel model, List<WeightedItem> history, int count) =>
        model.Recommend(history, count, excludeSeen: true);

    protected override List<ScoredItem> Score(UserKnnModel model, List<WeightedItem> history, int count, CandidateQuery query) =>
        model.Recommend(history, count, excludeSeen: true, selfId: query.UserId);

    protected override string Why(bool fromOneItem) => fromOneItem ? "chosen by the people who chose this" : "chosen by people with tastes like yours";
}
