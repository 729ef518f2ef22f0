using System.Text.Json;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Reco;

/// <summary>
/// The built-in pipeline of <c>recommend-batch</c> and <c>eval</c> when no <c>--config</c> is given, named
/// <see cref="Name"/>: collaborative recall (als, itemknn) fused with the content profile by RRF, then the ALS
/// and item-kNN rankers blend their scores in; one place in every 20 is kept for items the models do not know yet
/// (<see cref="NewItemSlots"/>), so new items reach lists by their content. Sizes, weights and blends were chosen on
/// MovieLens latest-small (docs/evaluation.md, which also gives what the new-item places cost and buy).
/// </summary>
internal static class RecoPipelines
{
    /// <summary>The built-in recommendation pipeline's name.</summary>
    public const string Name = "recommend";

    /// <summary>The configuration holding only the built-in recommendation pipeline.</summary>
    public static ServingConfig BuiltIn { get; } = new()
    {
        DefaultPipeline = Name,
        Pipelines = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal)
        {
            [Name] = new PipelineDefinition
            {
                Recall =
                [
                    new RecallStep { Source = AlsRecallSource.SourceName, Size = 300 },
                    new RecallStep { Source = ItemKnnRecallSource.SourceName, Size = 300 },
                    new RecallStep { Source = "profile", Size = 200, Weight = 0.5 },
                ],
                Fusion = "rrf",
                RrfK = 60,
                NewItems = new NewItemSlots { Source = "profile", Every = 20 },
                Stages =
                [
                    new StageStep { Ranker = "als", Name = "als-rerank", BudgetMs = 5000, Options = Json("""{"weight": 0.5}""") },
                    new StageStep { Ranker = "itemknn", Name = "itemknn-rerank", BudgetMs = 5000, Options = Json("""{"weight": 0.3}""") },
                ],
            },
        },
    };

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
