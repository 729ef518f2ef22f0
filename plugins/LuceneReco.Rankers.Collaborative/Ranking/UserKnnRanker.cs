using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.UserKnn;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Recall;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "userknn" ranker plugin: user-based neighbourhood collaborative filtering (cosine or Pearson), as a recall source, a rerank stage and training.</summary>
public sealed class UserKnnRanker() : CollaborativeRanker<UserKnnModel, UserKnnRankerOptions>(UserKnnModel.Kind, ModelFiles.LoadUserKnn, TrainingSettingsReader.UserKnn)
{
    /// <inheritdoc/>
    public override string Name => "userknn";

    /// <inheritdoc/>
    public override string Description => "User-based kNN: items chosen by the most similar users (cosine or Pearson), for small and medium catalogues.";

    private protected override IRankerStage CreateStage(UserKnnRankerOptions options, IRankerServices services, ModelStore<UserKnnModel> store) =>
        new UserKnnStage(Name, options, services, store);

    private protected override ICandidateSource CreateSource(ModelStore<UserKnnModel> store, int maxHistory) => new UserKnnSource(store, maxHistory);
}
