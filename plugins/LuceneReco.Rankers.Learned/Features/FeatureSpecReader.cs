using System.Text.Json;
using LuceneReco.Rankers.Learned.Models;
using static LuceneReco.Rankers.Learned.Models.JsonFile;

namespace LuceneReco.Rankers.Learned.Features;

/// <summary>
/// Reads a features file: the model's features in model order, each a name or an object with a display phrase and a
/// normaliser (the Elasticsearch LTR plugin's names):
/// <code>
/// {"features": [
///   "bm25",
///   {"name": "pop.week", "label": "popular this week", "normalizer": {"standard": {"mean": 12.5, "standard_deviation": 4}}},
///   {"name": "cat.distance", "labelDown": "far from your usual categories", "labelUp": "close to your usual categories",
///    "normalizer": {"min_max": {"minimum": 0, "maximum": 2}}}
/// ]}
/// </code>
/// A bare array works too. Every problem is a <see cref="ModelFormatException"/> naming the file and the entry.
/// </summary>
internal static class FeatureSpecReader
{
    public static List<FeatureSpec> Read(string path)
    {
        using JsonFile file = JsonFile.Open(path);
        JsonElement list = file.Root.ValueKind == JsonValueKind.Object ? file.Member(file.Root, "", "features", JsonValueKind.Array) : file.Root;
        if (list.ValueKind != JsonValueKind.Array) throw file.Error(null, $"expected an array of features or {{\"features\": [...]}}, found {Kind(list)}");
        if (file.Root.ValueKind == JsonValueKind.Object)
            foreach (JsonProperty p in file.Root.EnumerateObject())
                if (p.Name != "features") throw file.Error(p.Name, "is not a member of a features file (features)");
        var specs = new List<FeatureSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int k = 0;
        foreach (JsonElement entry in list.EnumerateArray())
        {
            string at = Invariant($"features[{k}]");
            FeatureSpec spec = entry.ValueKind == JsonValueKind.String ? new FeatureSpec(entry.GetString()!) : Entry(file, entry, at);
            if (string.IsNullOrWhiteSpace(spec.Name)) throw file.Error(at, "has an empty name");
            if (!seen.Add(spec.Name)) throw file.Error(at, $"\"{spec.Name}\" is named twice");
            specs.Add(spec);
            k++;
        }
        if (specs.Count == 0) throw file.Error("features", "names no features");
        return specs;
    }

    private static FeatureSpec Entry(JsonFile file, JsonElement entry, string at)
    {
        if (entry.ValueKind != JsonValueKind.Object) throw file.Error(at, $"expected a name or an object, found {Kind(entry)}");
        string name = file.String(entry, at, "name");
        string? label = null, up = null, down = null;
        FeatureNormaliser normaliser = default;
        foreach (JsonProperty p in entry.EnumerateObject())
        {
            string where = Join(at, p.Name);
            switch (p.Name)
            {
                case "name": break;
                case "label": label = Text(file, p.Value, where); break;
                case "labelUp": up = Text(file, p.Value, where); break;
                case "labelDown": down = Text(file, p.Value, where); break;
                case "normalizer" or "normaliser": normaliser = Normaliser(file, p.Value, where); break;
                default: throw file.Error(where, $"is not a member of a feature (name, label, labelUp, labelDown, normalizer) for \"{name}\"");
            }
        }
        return new FeatureSpec(name, label, up, down, normaliser);
    }

    private static string Text(JsonFile file, JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : throw file.Error(where, $"expected a non-empty string, found {Kind(value)}");

    private static FeatureNormaliser Normaliser(JsonFile file, JsonElement value, string where)
    {
        if (value.ValueKind != JsonValueKind.Object || value.GetPropertyCount() != 1)
            throw file.Error(where, "expected {\"min_max\": {\"minimum\": a, \"maximum\": b}} or {\"standard\": {\"mean\": m, \"standard_deviation\": s}}");
        JsonProperty kind = value.EnumerateObject().First();
        string at = Join(where, kind.Name);
        switch (kind.Name)
        {
            case "min_max":
                double min = file.Number(file.Member(kind.Value, at, "minimum"), Join(at, "minimum"));
                double max = file.Number(file.Member(kind.Value, at, "maximum"), Join(at, "maximum"));
                if (!double.IsFinite(min) || !double.IsFinite(max) || max <= min)
                    throw file.Error(at, Invariant($"maximum {max} must be finite and above minimum {min}"));
                return FeatureNormaliser.MinMax(min, max);
            case "standard":
                double mean = file.Number(file.Member(kind.Value, at, "mean"), Join(at, "mean"));
                double sd = file.Number(file.Member(kind.Value, at, "standard_deviation"), Join(at, "standard_deviation"));
                if (!double.IsFinite(mean) || !double.IsFinite(sd) || sd <= 0)
                    throw file.Error(at, Invariant($"mean {mean} must be finite and standard_deviation {sd} finite and above 0"));
                return FeatureNormaliser.Standard(mean, sd);
            default:
                throw file.Error(at, "is not a normaliser (min_max, standard)");
        }
    }
}
