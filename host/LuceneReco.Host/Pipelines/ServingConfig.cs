using LuceneReco.Host.Experiments;

namespace LuceneReco.Host.Pipelines;

/// <summary>The serving configuration: named pipelines and the one used when a request names none.</summary>
internal sealed record ServingConfig
{
    /// <summary>The pipeline used when a request names none. <value>The default is <c>"default"</c>.</value></summary>
    public string DefaultPipeline { get; init; } = "default";

    /// <summary>
    /// The pipeline a recommendation request without query text runs when it names none (a search or "similar items"
    /// request runs <see cref="DefaultPipeline"/>). <value>The default is <c>null</c>: <see cref="DefaultPipeline"/> for every request.</value>
    /// </summary>
    public string? RecommendPipeline { get; init; }

    /// <summary>The pipeline <paramref name="kind"/> runs when it names none (see <see cref="RecommendPipeline"/>).</summary>
    public string DefaultFor(RequestKind kind, bool hasQuery) =>
        kind == RequestKind.Recommend && !hasQuery && RecommendPipeline is { Length: > 0 } recommend && Pipelines.ContainsKey(recommend) ? recommend : DefaultPipeline;

    /// <summary>The pipelines by name. <value>The default is empty (which <see cref="Validate"/> rejects).</value></summary>
    public IReadOnlyDictionary<string, PipelineDefinition> Pipelines { get; init; } = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal);

    /// <summary>
    /// Training settings the configuration's models were tuned with (<c>lucenereco tune</c> writes them): <c>train</c> and the
    /// offline commands pass them to the plugins, a setting given on their command line winning; <c>serve</c> does not train
    /// and ignores them. <value>The default is none.</value>
    /// </summary>
    public IReadOnlyDictionary<string, string> Training { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Experiments by name (docs/experiments.md): a control pipeline's ranking interleaved with a candidate's for a share of its
    /// users. <value>The default is none.</value>
    /// </summary>
    public IReadOnlyDictionary<string, ExperimentSettings> Experiments { get; init; } = new Dictionary<string, ExperimentSettings>(StringComparer.Ordinal);

    /// <summary>
    /// How many users' profile queries and recent plain results the runner remembers (<see cref="UserCache"/>, least recently
    /// used dropped first); 0 turns the cache off. <value>The default is <see cref="UserCache.DefaultCapacity"/> (10,000).</value>
    /// </summary>
    public int UserCacheSize { get; init; } = UserCache.DefaultCapacity;

    /// <summary>
    /// At most how many shadow runs (<see cref="PipelineDefinition.Shadow"/>) wait or run at once; a request's shadow that does
    /// not fit is dropped and counted. <value>The default is <see cref="Shadows.ShadowQueue.DefaultCapacity"/> (256).</value>
    /// </summary>
    public int ShadowQueue { get; init; } = Shadows.ShadowQueue.DefaultCapacity;

    /// <summary>
    /// Where shadow lists are written, one JSON line each (<see cref="Shadows.ShadowLog"/>), or null to keep only the newest
    /// 100 in memory (<c>GET /shadows</c>). <value>The default is <c>null</c>.</value>
    /// </summary>
    public ShadowLogSettings? ShadowLog { get; init; }

    /// <summary>The built-in recommendation pipeline's name.</summary>
    public const string RecommendName = "recommend";

    /// <summary>
    /// The built-in recommendation pipeline: the collaborative plugin's candidates (<c>als</c>, <c>itemknn</c>) fused with the
    /// content profile (and, when the index has dense vectors from <c>lucenereco embed</c>, the semantic profile) by RRF, then the
    /// same plugin's ALS and item-kNN stages blend their scores in; one place in every 20 is
    /// kept for items the models do not know yet (<see cref="NewItemSlots"/>), so new items reach lists by their content; a
    /// user with no history gets the "popular" plugin's trending items with one place in every 5 for the newest items no one
    /// has chosen yet (<see cref="PipelineDefinition.Fallback"/>, <see cref="PipelineDefinition.FallbackNewItems"/>).
    /// Sizes, weights and blends were chosen on MovieLens latest-small (docs/evaluation.md, which also says what the
    /// new-item places cost and buy). Without the collaborative plugin loaded, its steps are skipped and the profile serves alone.
    /// </summary>
    public static PipelineDefinition Recommend { get; } = new()
    {
        Recall =
        [
            new RecallStep { Source = "als", Size = 300 },
            new RecallStep { Source = "itemknn", Size = 300 },
            new RecallStep { Source = "profile", Size = 200, Weight = 0.5 },
            new RecallStep { Source = "semantic-profile", Size = 200, Weight = 0.5 }, // no hits when the index has no vectors
        ],
        Fusion = "rrf",
        RrfK = 60,
        NewItems = new NewItemSlots { Source = "profile", Every = 20 },
        Fallback =
        [
            new RecallStep { Source = "popular", Size = 100, Options = Json("""{"order": "trending"}""") },
            // a weight so small that RRF keeps the trending order and lists newest-only items after it; the places below
            // bring the newest items no one has chosen yet forward
            new RecallStep { Source = "newest", Size = 50, Weight = 0.001 },
        ],
        FallbackNewItems = new NewItemSlots { Source = "newest", Every = 5 },
        Stages =
        [
            new StageStep { Ranker = "als", Name = "als-rerank", BudgetMs = 5000, Options = Json("""{"weight": 0.5}""") },
            new StageStep { Ranker = "itemknn", Name = "itemknn-rerank", BudgetMs = 5000, Options = Json("""{"weight": 0.3}""") },
        ],
    };

    private static System.Text.Json.JsonElement Json(string text)
    {
        using var document = System.Text.Json.JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The configuration used when none is given: the pipeline <c>default</c> recalling 200 keyword matches, 200 items like
    /// the user's recent items and 100 items like the given item (content), with, for "similar items" only, the item's 100
    /// nearest item-kNN neighbours (people who chose it also chose them), fused by RRF (k = 60), with no rerank stages, for
    /// searches and "similar items"; and the pipeline <c>recommend</c> (<see cref="Recommend"/>), which recommendation requests without
    /// query text run.
    /// </summary>
    public static ServingConfig BuiltIn { get; } = new()
    {
        DefaultPipeline = "default",
        RecommendPipeline = RecommendName,
        Pipelines = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal)
        {
            ["default"] = new PipelineDefinition
            {
                Recall =
                [
                    new RecallStep { Source = "search", Size = 200 },
                    new RecallStep { Source = "profile", Size = 200 },
                    new RecallStep { Source = "similar", Size = 100 },
                    // "similar items" fuse the item's collaborative neighbours with its content neighbours
                    new RecallStep { Source = "itemknn", Size = 100, For = [RequestKind.Similar] },
                ],
                Fusion = "rrf",
                RrfK = 60,
            },
            [RecommendName] = Recommend,
        },
    };

    /// <summary>The pipeline named <paramref name="name"/> (null: the default), or null when there is none.</summary>
    public PipelineDefinition? Find(string? name) => Pipelines.GetValueOrDefault(name ?? DefaultPipeline);

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (Pipelines.Count == 0) errors.Add("pipelines: no pipeline is defined");
        if (string.IsNullOrWhiteSpace(DefaultPipeline)) errors.Add("defaultPipeline is missing");
        else if (Pipelines.Count > 0 && !Pipelines.ContainsKey(DefaultPipeline))
            errors.Add($"defaultPipeline '{DefaultPipeline}' is not defined (pipelines: {string.Join(", ", Pipelines.Keys)})"
                + (DefaultPipeline == "default" ? "; without a \"defaultPipeline\" setting it is 'default': name one of the pipelines there" : ""));
        if (RecommendPipeline is { } r && Pipelines.Count > 0 && !Pipelines.ContainsKey(r))
            errors.Add($"recommendPipeline '{r}' is not defined (pipelines: {string.Join(", ", Pipelines.Keys)})");
        foreach (var (name, pipeline) in Pipelines)
        {
            if (string.IsNullOrWhiteSpace(name)) errors.Add("pipelines: a pipeline name is blank");
            pipeline.Validate($"pipelines.{name}", errors);
        }
        if (UserCacheSize is < 0 or > UserCache.MaxCapacity)
            errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"userCacheSize must be 0 (off) to {UserCache.MaxCapacity:N0}, got {UserCacheSize}"));
        if (ShadowLog is { } shadowLog)
        {
            if (string.IsNullOrWhiteSpace(shadowLog.Path)) errors.Add("shadowLog.path must name a file");
            if (shadowLog.MaxMegabytes is < 1 or > 100_000)
                errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"shadowLog.maxMegabytes must be 1 to 100,000, got {shadowLog.MaxMegabytes}"));
        }
        if (ShadowQueue is < 1 or > Shadows.ShadowQueue.MaxCapacity)
            errors.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"shadowQueue must be 1 to {Shadows.ShadowQueue.MaxCapacity:N0}, got {ShadowQueue}"));
        foreach (var (name, pipeline) in Pipelines)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < pipeline.Shadow.Count; i++)
            {
                string shadow = pipeline.Shadow[i];
                string at = $"pipelines.{name}.shadow[{i}]";
                if (shadow == name) errors.Add($"{at}: a pipeline cannot shadow itself");
                else if (!Pipelines.ContainsKey(shadow)) errors.Add($"{at}: pipeline '{shadow}' is not defined (pipelines: {string.Join(", ", Pipelines.Keys)})");
                if (!seen.Add(shadow)) errors.Add($"{at}: '{shadow}' is listed twice");
            }
        }
        ExperimentChecks.Validate(this, errors);
        return errors;
    }
}

/// <summary>The shadow log: <c>{"path": "logs/shadows.jsonl", "maxMegabytes": 64}</c>.</summary>
internal sealed record ShadowLogSettings
{
    /// <summary>The JSON-lines file, relative to the working folder or absolute; created when missing.</summary>
    public string Path { get; init; } = "";

    /// <summary>The size at which the file is rotated to <c>FILE.1</c>. <value>The default is 64.</value></summary>
    public int MaxMegabytes { get; init; } = 64;
}
