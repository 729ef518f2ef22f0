using System.Globalization;

namespace LuceneReco.Rankers.Learned.Tests.Support;

/// <summary>Small model files written by hand for tests.</summary>
internal static class ModelTexts
{
    /// <summary>A linear model file's text.</summary>
    public static string Linear(string[] features, double[] weights, double bias) =>
        "{\"type\":\"linear\",\"features\":[" + string.Join(",", features.Select(f => "\"" + f + "\""))
        + "],\"weights\":[" + string.Join(",", weights.Select(Num)) + "],\"bias\":" + Num(bias) + "}";

    /// <summary>
    /// An XGBoost JSON model of one depth-1 tree: <c>x[feature] &lt; threshold</c> goes left (value <paramref name="left"/>),
    /// else right; missing goes left when <paramref name="defaultLeft"/>. Covers 10 = 4 left + 6 right.
    /// </summary>
    public static string XgboostStump(string[] names, int feature, double threshold, double left, double right, bool defaultLeft,
        string objective = "rank:ndcg", double baseScore = 0.5) =>
        $$$"""
        {"learner": {
          "feature_names": [{{{string.Join(",", names.Select(n => "\"" + n + "\""))}}}],
          "gradient_booster": {"name": "gbtree", "model": {
            "gbtree_model_param": {"num_trees": "1"},
            "tree_info": [0],
            "trees": [{
              "base_weights": [0, 0, 0],
              "default_left": [{{{(defaultLeft ? 1 : 0)}}}, 0, 0],
              "id": 0,
              "left_children": [1, -1, -1],
              "right_children": [2, -1, -1],
              "split_conditions": [{{{Num(threshold)}}}, {{{Num(left)}}}, {{{Num(right)}}}],
              "split_indices": [{{{feature}}}, 0, 0],
              "split_type": [0, 0, 0],
              "sum_hessian": [10, 4, 6],
              "tree_param": {"num_nodes": "3", "num_feature": "{{{names.Length}}}"}
            }]}},
          "learner_model_param": {"base_score": "{{{Num(baseScore)}}}", "num_class": "0", "num_feature": "{{{names.Length}}}", "num_target": "1"},
          "objective": {"name": "{{{objective}}}"}
        }, "version": [1, 7, 4]}
        """;

    public static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
