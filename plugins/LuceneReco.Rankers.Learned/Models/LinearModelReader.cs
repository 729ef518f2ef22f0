using System.Text.Json;
using static LuceneReco.Rankers.Learned.Models.JsonFile;

namespace LuceneReco.Rankers.Learned.Models;

/// <summary>
/// Reads a linear model: <c>{"type":"linear","features":["a","b"],"weights":[0.5,-1],"bias":0.1}</c>, optionally with an
/// <c>"objective"</c> name. Feature names must be distinct and as many as the weights; every number finite.
/// </summary>
internal static class LinearModelReader
{
    public static LinearModel Read(string path)
    {
        using JsonFile file = JsonFile.Open(path);
        JsonElement root = file.Root;
        if (root.ValueKind != JsonValueKind.Object) throw file.Error(null, $"expected a JSON object, found {Kind(root)}");
        string type = file.String(root, "", "type");
        if (type != "linear") throw file.Error("type", $"\"{type}\" is not \"linear\"");
        foreach (JsonProperty p in root.EnumerateObject())
            if (p.Name is not ("type" or "features" or "weights" or "bias" or "objective"))
                throw file.Error(p.Name, "is not a member of a linear model (type, features, weights, bias, objective)");
        string[] names = file.Strings(file.Member(root, "", "features", JsonValueKind.Array), "features");
        double[] weights = file.Numbers(root, "", "weights");
        double bias = file.Number(file.Member(root, "", "bias"), "bias");
        if (names.Length == 0) throw file.Error("features", "names no features");
        if (names.Length != weights.Length) throw file.Error("weights", Invariant($"has {weights.Length} entries for {names.Length} features"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int f = 0; f < names.Length; f++)
        {
            if (string.IsNullOrWhiteSpace(names[f])) throw file.Error(Invariant($"features[{f}]"), "is empty");
            if (!seen.Add(names[f])) throw file.Error(Invariant($"features[{f}]"), $"\"{names[f]}\" is named twice");
            if (!double.IsFinite(weights[f])) throw file.Error(Invariant($"weights[{f}]"), "is not a finite number");
        }
        if (!double.IsFinite(bias)) throw file.Error("bias", "is not a finite number");
        Objective objective = Objective.Linear;
        if (Optional(root, "objective") is JsonElement o)
        {
            string name = o.ValueKind == JsonValueKind.String ? o.GetString()! : throw file.Error("objective", $"expected a string, found {Kind(o)}");
            objective = Objectives.FromAnyName(name)
                ?? throw file.Error("objective", $"unknown objective \"{name}\"; served: linear, {Objectives.XgboostNames}, {Objectives.LightGbmNames}");
        }
        return new LinearModel(path, objective, names, weights, bias);
    }
}
