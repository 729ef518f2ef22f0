using LuceneReco.Rankers.Collaborative.Data;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// <c>itemknn</c>: the neighbours of the user's items, scored <c>sum over history items j of r_uj * sim(j, i)</c>
/// by the newest item-kNN model in the step's model folder (Sarwar et al. 2001). Needs a history and a model;
/// items with no interactions are never recalled (the content sources find those).
/// </summary>
internal sealed class ItemKnnRecallSource : IRecallSource
{
    /// <summary>The source's name in pipelines.</summary>
    public const string SourceName = "itemknn";

    public string Name => SourceName;

    public IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step)
    {
        if (context.History.Count == 0 || context.Models is not { } models) return [];
        var model = models.ItemKnn(step.Models ?? context.PipelineModels, out _);
        if (model is null) return [];
        var history = Preferences.FromEvents(context.History, model.MatrixOptions);
        if (history.Count == 0) return [];
        var scored = model.Recommend(history, step.Size + context.Excluded.Count, excludeSeen: true);
        return CollaborativeRecall.ToHits(context, step, scored, "neighbours of items you liked");
    }
}
