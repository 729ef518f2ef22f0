using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Ease;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "ease" stage: scores are <see cref="EaseModel.Score"/>, explained by the history items whose weights towards the candidate add most.</summary>
internal sealed class EaseStage(string name, EaseRankerOptions options, IRankerServices services, ModelStore<EaseModel> store)
    : CollaborativeStage<EaseModel>(name, options, services, store)
{
    protected override InteractionMatrixOptions MatrixOptions(EaseModel model) => model.MatrixOptions;

    protected override (ExplainedScore[]? Scores, string Because) Score(EaseModel model, RankingRequest request, List<WeightedItem> history, List<string> candidateIds)
    {
        if (history.Count == 0) return (null, "no history for this user");
        return (model.Score(history, candidateIds, Options.ExplainTop), "items that go with those");
    }
}
