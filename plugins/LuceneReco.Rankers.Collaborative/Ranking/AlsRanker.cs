using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Als;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Recall;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "als" ranker plugin: rescores candidates by implicit-feedback matrix factorisation (Hu, Koren &amp; Volinsky 2008), folding in users unseen at training.</summary>
public sealed class AlsRanker() : CollaborativeRanker<ImplicitAlsModel, AlsRankerOptions>(ImplicitAlsModel.Kind, ModelFiles.LoadAls, TrainingSettingsReader.Als)
{
    /// <inheritdoc/>
    public override string Name => "als";

    /// <inheritdoc/>
    public override string Description => "Implicit ALS matrix factorisation: blends in dot(user, item) with the user folded in from their history.";

    private protected override IRankerStage CreateStage(AlsRankerOptions options, IRankerServices services, ModelStore<ImplicitAlsModel> store) =>
        new AlsStage(Name, options, services, store);

    private protected override ICandidateSource CreateSource(ModelStore<ImplicitAlsModel> store, int maxHistory) => new AlsSource(store, maxHistory);
}
