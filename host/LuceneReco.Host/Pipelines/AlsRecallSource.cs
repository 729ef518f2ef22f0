using LuceneReco.Rankers.Collaborative.Data;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// <c>als</c>: the top items by <c>x_u . y_i</c>, where <c>x_u</c> is the user folded in from their current history
/// against the newest implicit-ALS model's item factors (one exact solve, so events since training count).
/// Needs a history and a model; items with no interactions are never recalled.
/// </summary>
internal sealed class AlsRecallSource : IRecallSource
{
    /// <summary>The source's name in pipelines.</summary>
    public const string SourceName = "als";

    public string Name => SourceName;

    public IReadOnlyList<RecallHit> Recall(RecallContext context, RecallStep step)
    {
        if (context.History.Count == 0 || context.Models is not { } models) return [];
        var model = models.Als(step.Models ?? context.PipelineModels, out _);
        if (model is null) return [];
        var history = Preferences.FromEvents(context.History, model.MatrixOptions);
        if (history.Count == 0) return [];
        var scored = model.Recommend(history, step.Size + context.Excluded.Count, excludeSeen: true);
        return CollaborativeRecall.ToHits(context, step, scored, "liked by users with tastes like yours");
    }
}
