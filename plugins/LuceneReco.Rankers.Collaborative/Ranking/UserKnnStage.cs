using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.UserKnn;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "userknn" stage: scores are <see cref="UserKnnModel.Score"/>, explained by the history items the user shares with the people who chose the candidate.</summary>
internal sealed class UserKnnStage(string name, UserKnnRankerOptions options, IRankerServices services, ModelStore<UserKnnModel> store)
    : CollaborativeStage<UserKnnModel>(name, options, services, store)
{
    protected override InteractionMatrixOptions MatrixOptions(UserKnnModel model) => model.MatrixOptions;

    protected override (ExplainedScore[]? Scores, string Because) Score(UserKnnModel model, RankingRequest request, List<WeightedItem> history, List<string> candidateIds)
    {
        if (history.Count == 0) return (null, "no history for this user");
        int explain = request.Explain ? Options.ExplainTop : 0;
        return (model.Score(history, candidateIds, explain, request.UserId), "chosen by people who chose the same");
    }
}
