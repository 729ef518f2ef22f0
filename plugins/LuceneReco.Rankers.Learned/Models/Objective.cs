namespace LuceneReco.Rankers.Learned.Models;

/// <summary>
/// The training objectives whose models are served. Every one is scored on the margin (the raw sum of the trees plus the base
/// margin), so a logistic model ranks by its log-odds, not its probability; the order is the same.
/// </summary>
internal enum Objective
{
    /// <summary>XGBoost <c>rank:ndcg</c> (LambdaMART).</summary>
    RankNdcg,

    /// <summary>XGBoost <c>rank:pairwise</c> (RankNet-style pairwise loss).</summary>
    RankPairwise,

    /// <summary>XGBoost <c>reg:squarederror</c>, LightGBM <c>regression</c> (L2).</summary>
    SquaredError,

    /// <summary>XGBoost <c>binary:logistic</c>, LightGBM <c>binary</c>: served as the margin (log-odds).</summary>
    BinaryLogistic,

    /// <summary>LightGBM <c>lambdarank</c>.</summary>
    LambdaRank,

    /// <summary>LightGBM <c>rank_xendcg</c>.</summary>
    RankXendcg,

    /// <summary>A linear model, which names no objective.</summary>
    Linear,

    /// <summary>An ONNX model: whatever its author trained it for; higher output ranks first.</summary>
    Onnx,
}

/// <summary>The objective names of each model format.</summary>
internal static class Objectives
{
    /// <summary>The XGBoost objective names accepted, e.g. for error messages.</summary>
    public const string XgboostNames = "rank:ndcg, rank:pairwise, reg:squarederror, binary:logistic";

    /// <summary>The LightGBM objective names accepted.</summary>
    public const string LightGbmNames = "lambdarank, rank_xendcg, regression, binary";

    /// <summary>The objective of an XGBoost <c>learner.objective.name</c>, or null when it is not served.</summary>
    public static Objective? FromXgboost(string name) => name switch
    {
        "rank:ndcg" => Objective.RankNdcg,
        "rank:pairwise" => Objective.RankPairwise,
        "reg:squarederror" => Objective.SquaredError,
        "binary:logistic" => Objective.BinaryLogistic,
        _ => null,
    };

    /// <summary>The objective of a LightGBM <c>objective=</c> line (its first word, e.g. "binary" of "binary sigmoid:1"), or null.</summary>
    public static Objective? FromLightGbm(string name) => name switch
    {
        "lambdarank" => Objective.LambdaRank,
        "rank_xendcg" => Objective.RankXendcg,
        "regression" or "regression_l2" or "l2" => Objective.SquaredError,
        "binary" => Objective.BinaryLogistic,
        _ => null,
    };

    /// <summary>The objective named in a linear model file (optional there), or null when unknown.</summary>
    public static Objective? FromAnyName(string name) => FromXgboost(name) ?? FromLightGbm(name) ?? (name == "linear" ? Objective.Linear : null);
}
