using System.Text;
using System.Text.Json;
using LuceneReco.Host.Pipelines;

namespace LuceneReco.Host.Offline.Tuning;

/// <summary>
/// Writes a tuned pipeline as a serving configuration (docs/serving.md) that <c>serve</c>, <c>recommend-batch</c>, <c>eval</c>
/// and <c>bench recommend</c> read: the built-in <c>default</c> pipeline for searches, the tuned pipeline as <c>recommend</c>
/// (what recommendation requests run), and the training settings its models were tuned with under <c>"training"</c>, which
/// <c>train</c> and the offline commands use (a setting given on their command line wins) and <c>serve</c> ignores.
/// </summary>
internal static class PipelineFile
{
    /// <summary>The configuration as indented JSON.</summary>
    public static string Write(PipelineDefinition recommend, IReadOnlyDictionary<string, string> training)
    {
        ArgumentNullException.ThrowIfNull(recommend);
        ArgumentNullException.ThrowIfNull(training);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("defaultPipeline", "default");
            w.WriteString("recommendPipeline", ServingConfig.RecommendName);
            w.WriteStartObject("pipelines");
            w.WritePropertyName("default");
            Pipeline(w, ServingConfig.BuiltIn.Pipelines["default"]);
            w.WritePropertyName(ServingConfig.RecommendName);
            Pipeline(w, recommend);
            w.WriteEndObject();
            w.WriteStartObject("training");
            foreach (var (name, value) in training.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(name, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Slots(Utf8JsonWriter w, string name, NewItemSlots? slots)
    {
        if (slots is null) return;
        w.WriteStartObject(name);
        w.WriteString("source", slots.Source);
        if (slots.Match)
        {
            w.WriteBoolean("match", true);
            if (slots.From is int from) w.WriteNumber("from", from);
        }
        else
        {
            w.WriteNumber("every", slots.Every);
        }
        w.WriteEndObject();
    }

    private static void Pipeline(Utf8JsonWriter w, PipelineDefinition p)
    {
        w.WriteStartObject();
        Steps(w, "recall", p.Recall);
        if (p.Fallback.Count > 0) Steps(w, "fallback", p.Fallback);
        w.WriteString("fusion", p.Fusion);
        w.WriteNumber("rrfK", p.RrfK);
        Slots(w, "newItems", p.NewItems);
        Slots(w, "fallbackNewItems", p.FallbackNewItems);
        w.WriteStartArray("stages");
        foreach (var s in p.Stages)
        {
            w.WriteStartObject();
            w.WriteString("ranker", s.Ranker);
            if (s.Name is { } name) w.WriteString("name", name);
            w.WriteNumber("budgetMs", s.BudgetMs);
            if (s.Options is { } options) { w.WritePropertyName("options"); options.WriteTo(w); }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Steps(Utf8JsonWriter w, string property, IReadOnlyList<RecallStep> steps)
    {
        var defaults = new RecallStep { Source = "" };
        w.WriteStartArray(property);
        foreach (var r in steps)
        {
            w.WriteStartObject();
            w.WriteString("source", r.Source);
            w.WriteNumber("size", r.Size);
            if (r.Weight != defaults.Weight) w.WriteNumber("weight", r.Weight);
            if (r.MinTermFreq != defaults.MinTermFreq) w.WriteNumber("minTermFreq", r.MinTermFreq);
            if (r.MinDocFreq != defaults.MinDocFreq) w.WriteNumber("minDocFreq", r.MinDocFreq);
            if (r.MaxQueryTerms != defaults.MaxQueryTerms) w.WriteNumber("maxQueryTerms", r.MaxQueryTerms);
            if (r.Options is { } options) { w.WritePropertyName("options"); options.WriteTo(w); }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
