using System.Text.Json;
using LuceneReco.Rankers.Learned.Trees;
using static LuceneReco.Rankers.Learned.Models.JsonFile;

namespace LuceneReco.Rankers.Learned.Models;

/// <summary>
/// Reads XGBoost's JSON model (as <c>Booster.save_model("m.json")</c> writes it in XGBoost 1.7): the trees of
/// <c>learner.gradient_booster.model.trees</c> (split_indices, split_conditions, left_children, right_children, default_left,
/// sum_hessian as cover, base_weights), <c>learner_model_param.base_score</c> and the objective's name. A leaf's value is its
/// split_condition (XGBoost keeps the learning rate applied there). XGBoost compares in float, so inputs are rounded to
/// float; a split goes left when <c>x &lt; split_condition</c>, and a missing value goes the default way.
/// </summary>
internal static class XgboostJsonReader
{
    public static TreeEnsemble Read(string path)
    {
        using JsonFile file = JsonFile.Open(path);
        JsonElement learner = file.Member(file.Root, "", "learner", JsonValueKind.Object);

        JsonElement param = file.Member(learner, "learner", "learner_model_param", JsonValueKind.Object);
        const string paramAt = "learner.learner_model_param";
        long features = file.Integer(file.Member(param, paramAt, "num_feature"), Join(paramAt, "num_feature"));
        if (features is < 1 or > 1_000_000) throw file.Error(Join(paramAt, "num_feature"), Invariant($"{features} features is out of range (1 to 1000000)"));
        if (Optional(param, "num_class") is JsonElement nc && file.Integer(nc, Join(paramAt, "num_class")) > 1)
            throw file.Error(Join(paramAt, "num_class"), "multi-class models are not served (one score per item is needed)");
        if (Optional(param, "num_target") is JsonElement nt && file.Integer(nt, Join(paramAt, "num_target")) > 1)
            throw file.Error(Join(paramAt, "num_target"), "multi-target models are not served");
        double baseScore = BaseScore(file, file.Member(param, paramAt, "base_score"), Join(paramAt, "base_score"));

        JsonElement objectiveElement = file.Member(learner, "learner", "objective", JsonValueKind.Object);
        string objectiveName = file.String(objectiveElement, "learner.objective", "name");
        Objective objective = Objectives.FromXgboost(objectiveName)
            ?? throw file.Error("learner.objective.name", $"unknown objective \"{objectiveName}\"; served: {Objectives.XgboostNames}");
        double baseMargin = BaseMargin(file, objective, baseScore);

        string[]? names = null;
        if (Optional(learner, "feature_names") is JsonElement fn && file.Strings(fn, "learner.feature_names") is { Length: > 0 } given)
        {
            if (given.Length != features)
                throw file.Error("learner.feature_names", Invariant($"names {given.Length} features but num_feature is {features}"));
            names = given;
        }

        JsonElement booster = file.Member(learner, "learner", "gradient_booster", JsonValueKind.Object);
        string boosterName = file.String(booster, "learner.gradient_booster", "name");
        if (boosterName != "gbtree") throw file.Error("learner.gradient_booster.name", $"booster \"{boosterName}\" is not served (only gbtree)");
        JsonElement model = file.Member(booster, "learner.gradient_booster", "model", JsonValueKind.Object);
        const string modelAt = "learner.gradient_booster.model";
        JsonElement trees = file.Member(model, modelAt, "trees", JsonValueKind.Array);
        if (Optional(model, "gbtree_model_param") is JsonElement gp && Optional(gp, "num_trees") is JsonElement ntrees
            && file.Integer(ntrees, modelAt + ".gbtree_model_param.num_trees") is long declared && declared != trees.GetArrayLength())
            throw file.Error(modelAt + ".trees", Invariant($"has {trees.GetArrayLength()} trees but num_trees is {declared} (truncated?)"));
        if (Optional(model, "tree_info") is JsonElement info)
        {
            int[] groups = file.Integers(model, modelAt, "tree_info");
            if (groups.Length != trees.GetArrayLength())
                throw file.Error(modelAt + ".tree_info", Invariant($"has {groups.Length} entries for {trees.GetArrayLength()} trees"));
            _ = info;
        }

        var builder = new TreeEnsembleBuilder(path, (int)features);
        int t = 0;
        foreach (JsonElement tree in trees.EnumerateArray())
        {
            int treeIndex = t;
            builder.Add(ReadTree(file, tree, treeIndex), node => Invariant($"tree {treeIndex} node {node}"));
            t++;
        }
        return builder.Build(objective, names, baseMargin, roundInputsToFloat: true, average: false);
    }

    /// <summary>base_score: "5E-1" in XGBoost 1.x; newer versions write a one-element list, "[5E-1]".</summary>
    private static double BaseScore(JsonFile file, JsonElement value, string at)
    {
        if (value.ValueKind == JsonValueKind.String && value.GetString() is ['[', .. string inner, ']'])
        {
            if (inner.Contains(',', StringComparison.Ordinal)) throw file.Error(at, "several base scores (a multi-target model) are not served");
            return double.TryParse(inner, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d)
                ? d
                : throw file.Error(at, $"\"{value.GetString()}\" is not a number");
        }
        return file.Number(value, at);
    }

    /// <summary>base_score is on the output scale; the margin starts at its inverse link (logit for binary:logistic).</summary>
    private static double BaseMargin(JsonFile file, Objective objective, double baseScore)
    {
        const string at = "learner.learner_model_param.base_score";
        if (!double.IsFinite(baseScore)) throw file.Error(at, Invariant($"{baseScore} is not a finite number"));
        if (objective != Objective.BinaryLogistic) return (float)baseScore;
        if (baseScore is <= 0 or >= 1) throw file.Error(at, Invariant($"{baseScore} must be a probability strictly between 0 and 1 for binary:logistic"));
        float p = (float)baseScore;
        return -MathF.Log(1f / p - 1f);
    }

    private static RawTree ReadTree(JsonFile file, JsonElement tree, int t)
    {
        string at = Invariant($"tree {t}");
        int[] left = file.Integers(tree, at, "left_children");
        int[] right = file.Integers(tree, at, "right_children");
        int[] split = file.Integers(tree, at, "split_indices");
        double[] conditions = file.Numbers(tree, at, "split_conditions");
        int[] defaultLeft = file.Integers(tree, at, "default_left");
        double[] hessian = file.Numbers(tree, at, "sum_hessian");
        int n = left.Length;
        if (Optional(tree, "tree_param") is JsonElement tp && Optional(tp, "num_nodes") is JsonElement nn
            && file.Integer(nn, at + ".tree_param.num_nodes") is long declared && declared != n)
            throw file.Error(at, Invariant($"left_children has {n} entries but num_nodes is {declared}"));
        if (n == 0) throw file.Error(at, "has no nodes");
        SameLength(file, at, n, ("right_children", right.Length), ("split_indices", split.Length), ("split_conditions", conditions.Length),
            ("default_left", defaultLeft.Length), ("sum_hessian", hessian.Length));
        if (Optional(tree, "base_weights") is not null) SameLength(file, at, n, ("base_weights", file.Numbers(tree, at, "base_weights").Length));
        int[]? splitType = Optional(tree, "split_type") is not null ? file.Integers(tree, at, "split_type") : null;
        if (splitType is not null) SameLength(file, at, n, ("split_type", splitType.Length));

        var raw = new RawTree(n);
        for (int j = 0; j < n; j++)
        {
            raw.Cover[j] = hessian[j];
            if (left[j] == -1)
            {
                raw.IsLeaf[j] = true;
                raw.Value[j] = (float)conditions[j];
                continue;
            }
            if (splitType is not null && splitType[j] != 0)
                throw file.Error(Invariant($"tree {t} node {j}"), "categorical splits are not served");
            raw.Left[j] = left[j];
            raw.Right[j] = right[j];
            raw.Feature[j] = split[j];
            raw.Threshold[j] = (float)conditions[j];
            raw.MissingGoesLeft[j] = defaultLeft[j] != 0;
        }
        return raw;
    }

    private static void SameLength(JsonFile file, string at, int n, params ReadOnlySpan<(string Name, int Length)> arrays)
    {
        foreach ((string name, int length) in arrays)
            if (length != n) throw file.Error(at, Invariant($"{name} has {length} entries but left_children has {n}"));
    }
}
