using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Offline.Tuning;

/// <summary>
/// What <c>tune</c> searches, and how a trial's settings become a pipeline and training settings. Training settings carry
/// the collaborative plugin's names (<c>factors</c>, <c>lambda</c>, <c>alpha</c>, <c>iterations</c>, <c>neighbours</c>,
/// <c>shrink</c>, <c>ease.lambda</c>, <c>userknn.*</c>, <c>scaling</c>); pipeline settings are <c>recall.SOURCE.size</c> (0 leaves
/// the source out) and <c>recall.SOURCE.weight</c> (its RRF weight), <c>stage.RANKER.weight</c> (the rerank blend, 0 leaves the
/// stage out) and <c>cold.mode</c> (<c>none</c>; <c>slots</c>: one place in every <c>cold.every</c>; <c>match</c>: as many places,
/// in the list's lower half, as the content source's own first k hold new items (<see cref="NewItemSlots.Match"/>); or
/// <c>score</c>: the <c>coldcontent</c> stage with <c>cold.weight</c>). Diversity and fairness are policy, not accuracy, and are not searched.
/// The defaults are the built-in <c>recommend</c> pipeline and the plugins' own defaults, so trial 0 is what runs untuned.
/// </summary>
internal static class PipelineSpace
{
    /// <summary>The collaborative recall sources and rerank rankers the space can use.</summary>
    public static readonly string[] Models = ["als", "itemknn", "ease", "userknn"];

    /// <summary>The content source whose score cold items compete with.</summary>
    public const string ContentSource = "profile";

    /// <summary>The stage placing cold items by their calibrated content score.</summary>
    public const string ColdRanker = "coldcontent";

    /// <summary>Every parameter with its grid and default.</summary>
    public static SearchSpace Create() => new(
    [
        // models (cheap ones first in each grid is irrelevant to drawing; training is cached per distinct model setting)
        SearchParameter.Of("factors", 64, 32, 64, 128),
        SearchParameter.Of("lambda", 30, 3, 10, 30, 100, 300),
        SearchParameter.Of("alpha", 2, 0.5, 1, 2, 5, 10),
        SearchParameter.Of("iterations", 15, 10, 15, 25),
        SearchParameter.Of("neighbours", 50, 20, 50, 100, 200),
        SearchParameter.Of("shrink", 10, 0, 10, 50),
        SearchParameter.Of("ease.lambda", 300, 50, 100, 300, 1000),
        SearchParameter.Of("userknn.neighbours", 50, 20, 50, 100),
        new SearchParameter("userknn.similarity", ["cosine", "pearson"], "cosine"),
        new SearchParameter("scaling", ["raw", "log", "binary"], "raw"),
        // recall and fusion
        SearchParameter.Of("recall.als.size", 300, 0, 100, 300),
        SearchParameter.Of("recall.als.weight", 1, 0.5, 1, 2),
        SearchParameter.Of("recall.itemknn.size", 300, 0, 100, 300),
        SearchParameter.Of("recall.itemknn.weight", 1, 0.5, 1, 2),
        SearchParameter.Of("recall.ease.size", 0, 0, 100, 300),
        SearchParameter.Of("recall.ease.weight", 1, 0.5, 1, 2),
        SearchParameter.Of("recall.userknn.size", 0, 0, 100, 300),
        SearchParameter.Of("recall.userknn.weight", 1, 0.5, 1, 2),
        SearchParameter.Of("recall.profile.size", 200, 100, 200, 400),
        SearchParameter.Of("recall.profile.weight", 0.5, 0.25, 0.5, 1),
        // rerank blends
        SearchParameter.Of("stage.als.weight", 0.5, 0, 0.3, 0.5, 0.7),
        SearchParameter.Of("stage.itemknn.weight", 0.3, 0, 0.3, 0.5),
        SearchParameter.Of("stage.ease.weight", 0, 0, 0.3, 0.5, 0.7),
        SearchParameter.Of("stage.userknn.weight", 0, 0, 0.3, 0.5),
        // cold items
        new SearchParameter("cold.mode", ["none", "slots", "match", "score"], "slots"),
        SearchParameter.Of("cold.every", 20, 10, 20, 50),
        SearchParameter.Of("cold.weight", 0.5, 0.25, 0.5, 1, 1.5),
    ]);

    /// <summary>
    /// A trial's relative cost: the models it trains (EASE's dense inverse dearest by far, ALS by factors times iterations)
    /// and the candidates it recalls; <see cref="HalvingSearchOptions.Cost"/> runs cheap trials first.
    /// </summary>
    public static double Cost(IReadOnlyDictionary<string, string> s)
    {
        double cost = 0;
        foreach (string m in ModelsUsed(s))
            cost += m switch
            {
                "ease" => 20,
                "als" => Number(s, "factors") * Number(s, "iterations") / 960,
                _ => 0.5,
            };
        foreach (string m in Models) cost += Number(s, $"recall.{m}.size") / 600;
        return cost + Number(s, $"recall.{ContentSource}.size") / 600;
    }

    /// <summary>Whether a setting is a training setting (passed to the plugins) rather than a pipeline setting.</summary>
    public static bool IsTraining(string name) => !name.StartsWith("recall.", StringComparison.Ordinal)
        && !name.StartsWith("stage.", StringComparison.Ordinal) && !name.StartsWith("cold.", StringComparison.Ordinal);

    /// <summary>The collaborative models a trial's pipeline uses (as a source or a stage), in <see cref="Models"/> order.</summary>
    public static List<string> ModelsUsed(IReadOnlyDictionary<string, string> s)
    {
        var used = new List<string>();
        foreach (string m in Models)
            if (Number(s, $"recall.{m}.size") > 0 || Number(s, $"stage.{m}.weight") > 0) used.Add(m);
        if (!Models.Any(m => Number(s, $"recall.{m}.size") > 0) && !used.Contains("als")) used.Insert(0, "als"); // see Pipeline
        return used;
    }

    /// <summary>
    /// The pipeline of a trial. <paramref name="modelDirectory"/> names each model's folder (relative to the plugin's data
    /// folder) while tuning; null gives the plugins' default folder, as the written pipeline file does.
    /// </summary>
    public static PipelineDefinition Pipeline(IReadOnlyDictionary<string, string> s, Func<string, string>? modelDirectory)
    {
        var recall = new List<RecallStep>();
        foreach (string m in Models)
        {
            int size = (int)Number(s, $"recall.{m}.size");
            if (size > 0) recall.Add(new RecallStep { Source = m, Size = size, Weight = Number(s, $"recall.{m}.weight"), Options = Directory(m, modelDirectory, null) });
        }
        if (recall.Count == 0) // the space allows every collaborative source at 0; ALS keeps the pipeline collaborative
            recall.Add(new RecallStep { Source = "als", Size = 300, Weight = Number(s, "recall.als.weight"), Options = Directory("als", modelDirectory, null) });
        recall.Add(new RecallStep { Source = ContentSource, Size = (int)Number(s, $"recall.{ContentSource}.size"), Weight = Number(s, $"recall.{ContentSource}.weight") });
        // the built-in pipeline's other steps that tuning does not search (the semantic profile: nothing without vectors)
        foreach (var step in ServingConfig.Recommend.Recall)
            if (step.IsBuiltIn && step.Source != ContentSource && !recall.Exists(r => r.Source == step.Source)) recall.Add(step);

        var stages = new List<StageStep>();
        foreach (string m in Models)
        {
            double w = Number(s, $"stage.{m}.weight");
            if (w > 0) stages.Add(new StageStep { Ranker = m, Name = m + "-rerank", BudgetMs = 5000, Options = Directory(m, modelDirectory, w) });
        }
        string mode = s.TryGetValue("cold.mode", out var text) ? text : "slots";
        if (mode == "score")
            stages.Add(new StageStep { Ranker = ColdRanker, Name = "cold-content", BudgetMs = 5000, Options = Json(Invariant($"{{\"weight\": {Number(s, "cold.weight")}, \"source\": \"{ContentSource}\"}}")) });
        return ServingConfig.Recommend with
        {
            Recall = recall,
            Stages = stages,
            NewItems = mode switch
            {
                "slots" => new NewItemSlots { Source = ContentSource, Every = (int)Number(s, "cold.every") },
                "match" => new NewItemSlots { Source = ContentSource, Match = true },
                _ => null,
            },
        };
    }

    /// <summary>The training settings of a trial for the models its pipeline uses, plus those the user fixed.</summary>
    public static SortedDictionary<string, string> Training(IReadOnlyDictionary<string, string> s, IReadOnlyDictionary<string, string> fixedSettings)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in s)
            if (IsTraining(name)) result[name] = value;
        foreach (var (name, value) in fixedSettings) result[name] = value;
        return result;
    }

    private static JsonElement? Directory(string model, Func<string, string>? modelDirectory, double? weight)
    {
        var parts = new List<string>();
        if (weight is double w) parts.Add(Invariant($"\"weight\": {w}"));
        if (modelDirectory is not null) parts.Add($"\"modelDirectory\": {JsonSerializer.Serialize(modelDirectory(model))}");
        return parts.Count == 0 ? null : Json("{" + string.Join(", ", parts) + "}");
    }

    private static double Number(IReadOnlyDictionary<string, string> s, string name) =>
        s.TryGetValue(name, out var text) ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static string Invariant(FormattableString f) => f.ToString(CultureInfo.InvariantCulture);
}
