using System.Globalization;
using System.Text.Json;
using LuceneReco.Host.Experiments;

using static LuceneReco.Host.Pipelines.JsonSettings;

namespace LuceneReco.Host.Pipelines;

/// <summary>
/// Reads the serving configuration JSON (see docs/serving.md): every unknown property, wrongly typed
/// value and invalid setting is reported, not only the first. Comments and trailing commas are allowed.
/// </summary>
internal static class ServingConfigParser
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses and validates <paramref name="json"/>; returns the configuration, or null and every problem found.</summary>
    public static (ServingConfig? Config, List<string> Errors) Parse(string json)
    {
        var errors = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            var at = e.LineNumber is long line ? $" at line {(line + 1).ToString(CultureInfo.InvariantCulture)}" : "";
            errors.Add($"malformed JSON{at}: {FirstSentence(e.Message)}");
            return (null, errors);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("the configuration must be a JSON object");
                return (null, errors);
            }
            var config = new ServingConfig();
            var pipelines = new Dictionary<string, PipelineDefinition>(StringComparer.Ordinal);
            foreach (var p in root.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "recommendPipeline":
                        config = config with { RecommendPipeline = String(p.Value, "recommendPipeline", errors) ?? "" };
                        break;
                    case "defaultPipeline":
                        config = config with { DefaultPipeline = String(p.Value, "defaultPipeline", errors) ?? "" };
                        break;
                    case "pipelines":
                        if (p.Value.ValueKind != JsonValueKind.Object) { errors.Add("pipelines must be an object of named pipelines"); break; }
                        foreach (var named in p.Value.EnumerateObject())
                            pipelines[named.Name] = Pipeline(named.Value, $"pipelines.{named.Name}", errors);
                        break;
                    case "training":
                        config = config with { Training = Training(p.Value, errors) };
                        break;
                    case "userCacheSize":
                        config = config with { UserCacheSize = Int(p.Value, "userCacheSize", errors) ?? config.UserCacheSize };
                        break;
                    case "shadowLog":
                        config = config with { ShadowLog = ShadowLogOf(p.Value, errors) };
                        break;
                    case "shadowQueue":
                        config = config with { ShadowQueue = Int(p.Value, "shadowQueue", errors) ?? config.ShadowQueue };
                        break;
                    case "experiments":
                        config = config with { Experiments = ExperimentSettingsParser.Parse(p.Value, errors) };
                        break;
                    default:
                        errors.Add($"unknown setting '{p.Name}' (known: defaultPipeline, recommendPipeline, pipelines, training, experiments, userCacheSize, shadowQueue, shadowLog)");
                        break;
                }
            }
            config = config with { Pipelines = pipelines };
            errors.AddRange(config.Validate());
            return errors.Count == 0 ? (config, errors) : (null, errors);
        }
    }

    private static Dictionary<string, string> Training(JsonElement e, List<string> errors)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.ValueKind != JsonValueKind.Object) { errors.Add("training must be an object of setting names and values"); return settings; }
        foreach (var p in e.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.String) settings[p.Name] = p.Value.GetString()!;
            else if (p.Value.ValueKind == JsonValueKind.Number) settings[p.Name] = p.Value.GetRawText();
            else errors.Add($"training.{p.Name} must be a string or a number, got {Kind(p.Value)}");
        }
        return settings;
    }

    private static PipelineDefinition Pipeline(JsonElement e, string where, List<string> errors)
    {
        var pipeline = new PipelineDefinition();
        if (e.ValueKind != JsonValueKind.Object) { errors.Add($"{where} must be an object"); return pipeline; }
        foreach (var p in e.EnumerateObject())
        {
            string at = $"{where}.{p.Name}";
            switch (p.Name)
            {
                case "recall": pipeline = pipeline with { Recall = Array(p.Value, at, errors, Recall) }; break;
                case "fallback": pipeline = pipeline with { Fallback = Array(p.Value, at, errors, Recall) }; break;
                case "fusion": pipeline = pipeline with { Fusion = String(p.Value, at, errors) ?? pipeline.Fusion }; break;
                case "rrfK": pipeline = pipeline with { RrfK = Int(p.Value, at, errors) ?? pipeline.RrfK }; break;
                case "stages": pipeline = pipeline with { Stages = Array(p.Value, at, errors, Stage) }; break;
                case "models": errors.Add($"{at}: 'models' is no longer a pipeline setting: each plugin keeps its models in its own data folder (a step's options can name another with \"modelDirectory\")"); break;
                case "newItems": pipeline = pipeline with { NewItems = NewItems(p.Value, at, errors) }; break;
                case "fallbackNewItems": pipeline = pipeline with { FallbackNewItems = NewItems(p.Value, at, errors) }; break;
                case "featureLog": pipeline = pipeline with { FeatureLog = FeatureLogOf(p.Value, at, errors, exploring: true) }; break;
                case "shadow": pipeline = pipeline with { Shadow = Strings(p.Value, at, errors) ?? [] }; break;
                default: errors.Add($"{where}: unknown setting '{p.Name}' (known: recall, fallback, fusion, rrfK, stages, newItems, fallbackNewItems, featureLog, shadow)"); break;
            }
        }
        return pipeline;
    }

    private static RecallStep? Recall(JsonElement e, string where, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add($"{where} must be an object"); return null; }
        if (!e.TryGetProperty("source", out _)) { errors.Add($"{where}: source is missing"); return null; }
        var step = new RecallStep { Source = "" };
        foreach (var p in e.EnumerateObject())
        {
            string at = $"{where}.{p.Name}";
            step = p.Name switch
            {
                "source" => step with { Source = String(p.Value, at, errors) ?? "" },
                "size" => step with { Size = Int(p.Value, at, errors) ?? step.Size },
                "weight" => step with { Weight = Number(p.Value, at, errors) ?? step.Weight },
                "minTermFreq" => step with { MinTermFreq = Int(p.Value, at, errors) ?? step.MinTermFreq },
                "minDocFreq" => step with { MinDocFreq = Int(p.Value, at, errors) ?? step.MinDocFreq },
                "maxQueryTerms" => step with { MaxQueryTerms = Int(p.Value, at, errors) ?? step.MaxQueryTerms },
                "options" => step with { Options = p.Value.Clone() },
                "for" => step with { For = Kinds(p.Value, at, errors) },
                "field" => step with { Field = String(p.Value, at, errors) },
                "models" => Unknown(step, $"{at}: 'models' is no longer a recall setting: give the plugin source \"options\": {{\"modelDirectory\": ...}} instead", errors),
                _ => Unknown(step, $"{where}: unknown setting '{p.Name}' (known: source, size, weight, minTermFreq, minDocFreq, maxQueryTerms, options, for, field)", errors),
            };
        }
        return step;
    }

    /// <summary>A "for" list: request kinds, each search, similar or recommend.</summary>
    private static List<RequestKind>? Kinds(JsonElement e, string at, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Array) { errors.Add($"{at} must be an array of request kinds (search, similar, recommend)"); return null; }
        var kinds = new List<RequestKind>();
        foreach (var k in e.EnumerateArray())
        {
            if (RecallStep.ParseKind(k.ValueKind == JsonValueKind.String ? k.GetString() : null) is { } kind) kinds.Add(kind);
            else errors.Add($"{at}: '{k}' is not a request kind (search, similar, recommend)");
        }
        return kinds;
    }

    private static NewItemSlots? NewItems(JsonElement e, string where, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add($"{where} must be an object"); return null; }
        var slots = new NewItemSlots();
        foreach (var p in e.EnumerateObject())
        {
            string at = $"{where}.{p.Name}";
            slots = p.Name switch
            {
                "source" => slots with { Source = String(p.Value, at, errors) ?? slots.Source },
                "every" => slots with { Every = Int(p.Value, at, errors) ?? slots.Every },
                "match" => slots with { Match = Bool(p.Value, at, errors) ?? slots.Match },
                "from" => slots with { From = Int(p.Value, at, errors) ?? slots.From },
                _ => Unknown(slots, $"{where}: unknown setting '{p.Name}' (known: source, every, match, from)", errors),
            };
        }
        return slots;
    }

    private static StageStep? Stage(JsonElement e, string where, List<string> errors)
    {
        if (e.ValueKind != JsonValueKind.Object) { errors.Add($"{where} must be an object"); return null; }
        if (!e.TryGetProperty("ranker", out _)) { errors.Add($"{where}: ranker is missing"); return null; }
        var step = new StageStep { Ranker = "" };
        foreach (var p in e.EnumerateObject())
        {
            string at = $"{where}.{p.Name}";
            step = p.Name switch
            {
                "ranker" => step with { Ranker = String(p.Value, at, errors) ?? "" },
                "name" => step with { Name = String(p.Value, at, errors) },
                "budgetMs" => step with { BudgetMs = Int(p.Value, at, errors) ?? step.BudgetMs },
                "allocationBudgetMb" => step with { AllocationBudgetMb = Int(p.Value, at, errors) ?? step.AllocationBudgetMb },
                "options" => step with { Options = p.Value.Clone() },
                _ => Unknown(step, $"{where}: unknown setting '{p.Name}' (known: ranker, name, budgetMs, allocationBudgetMb, options)", errors),
            };
        }
        return step;
    }

    private static List<T> Array<T>(JsonElement e, string where, List<string> errors, Func<JsonElement, string, List<string>, T?> item) where T : class
    {
        var list = new List<T>();
        if (e.ValueKind != JsonValueKind.Array) { errors.Add($"{where} must be an array"); return list; }
        int i = 0;
        foreach (var element in e.EnumerateArray())
        {
            if (item(element, $"{where}[{i.ToString(CultureInfo.InvariantCulture)}]", errors) is { } value) list.Add(value);
            i++;
        }
        return list;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).TrimEnd();
    }

    private static ShadowLogSettings? ShadowLogOf(JsonElement e, List<string> errors)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind != JsonValueKind.Object) { errors.Add("shadowLog must be an object: {\"path\": \"logs/shadows.jsonl\", \"maxMegabytes\": 64}"); return null; }
        var log = new ShadowLogSettings();
        foreach (var p in e.EnumerateObject())
        {
            string at = "shadowLog." + p.Name;
            switch (p.Name)
            {
                case "path": log = log with { Path = JsonSettings.String(p.Value, at, errors) ?? "" }; break;
                case "maxMegabytes": log = log with { MaxMegabytes = JsonSettings.Int(p.Value, at, errors) ?? log.MaxMegabytes }; break;
                default: errors.Add($"shadowLog: unknown setting '{p.Name}' (known: path, maxMegabytes)"); break;
            }
        }
        return log;
    }
}
