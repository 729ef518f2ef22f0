using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Data;
using LuceneReco.Rankers.Collaborative.Models;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>
/// The "als" stage: the user's vector is folded in from their current history (exact, explained by Hu et al.'s
/// decomposition), or taken from training when <see cref="AlsRankerOptions.UseTrainedFactors"/> is set and the user is known.
/// </summary>
internal sealed class AlsStage(string name, AlsRankerOptions options, IRankerServices services, ModelStore<ImplicitAlsModel> store)
    : CollaborativeStage<ImplicitAlsModel>(name, options, services, store)
{
    private readonly AlsRankerOptions _options = options;

    protected override InteractionMatrixOptions MatrixOptions(ImplicitAlsModel model) => model.MatrixOptions;

    protected override (ExplainedScore[]? Scores, string Because) Score(ImplicitAlsModel model, RankingRequest request, List<WeightedItem> history, List<string> candidateIds)
    {
        bool knownUser = request.UserId is { Length: > 0 } user && model.Users.Contains(user);
        if (knownUser && (_options.UseTrainedFactors || history.Count == 0))
            return (model.ScoreTrainedUser(request.UserId!, history, candidateIds, Options.ExplainTop), "people with tastes like yours liked it");
        if (history.Count == 0) return (null, "no history for this user");
        if (!knownUser && !_options.FoldInUnseenUsers) return (null, "user not in the model and fold-in is off");
        return (model.ScoreFoldedIn(history, candidateIds, Options.ExplainTop), "people with tastes like yours liked it");
    }
}
