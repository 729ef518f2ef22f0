using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Knn;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "itemknn" stage: scores are <see cref="ItemKnnModel.Score"/>, explained by the history items whose neighbour lists carry the candidate.</summary>
internal sealed class ItemKnnStage(string name, ItemKnnRankerOptions options, IRankerServices services, ModelStore<ItemKnnModel> store)
    : CollaborativeStage<ItemKnnModel>(name, options, services, store)
{
    protected override InteractionMatrixOptions MatrixOptions(ItemKnnModel model) => model.MatrixOptions;

    protected override (ExplainedScore[]? Scores, string Because) Score(ItemKnnModel model, RankingRequest request, List<WeightedItem> history, List<string> candidateIds)
    {
        if (history.Count == 0) return (null, "no history for this user");
        return (model.Score(history, candidateIds, Options.ExplainTop), "often chosen by the same people");
    }
}
