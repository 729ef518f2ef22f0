using LuceneReco.Plugins;
using LuceneReco.Rankers.Collaborative.Ease;
using LuceneReco.Rankers.Collaborative.Models;
using LuceneReco.Rankers.Collaborative.Recall;
using LuceneReco.Rankers.Collaborative.Training;

namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>The "ease" ranker plugin: the closed-form item-item model of Steck 2019, as a recall source, a rerank stage and training.</summary>
public sealed class EaseRanker() : CollaborativeRanker<EaseModel, EaseRankerOptions>(EaseModel.Kind, ModelFiles.LoadEase, TrainingSettingsReader.Ease)
{
    /// <inheritdoc/>
    public override string Name => "ease";

    /// <inheritdoc/>
    public override string Description => "EASE (Steck 2019): a dense item-item model in closed form, for catalogues up to 20,000 items.";

    private protected override IRankerStage CreateStage(EaseRankerOptions options, IRankerServices services, ModelStore<EaseModel> store) =>
        new EaseStage(Name, options, services, store);

    private protected override ICandidateSource CreateSource(ModelStore<EaseModel> store, int maxHistory) => new EaseSource(store, maxHistory);
}
