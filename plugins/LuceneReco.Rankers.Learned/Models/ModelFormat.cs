namespace LuceneReco.Rankers.Learned.Models;

/// <summary>The model file formats served.</summary>
internal enum ModelFormat
{
    /// <summary>XGBoost's JSON model, as written by <c>Booster.save_model("m.json")</c> (XGBoost 1.7).</summary>
    XgboostJson,

    /// <summary>LightGBM's text model, as written by <c>save_model</c> / <c>LGBM_BoosterSaveModel</c>.</summary>
    LightGbm,

    /// <summary>Our linear model: <c>{"type":"linear","features":[...],"weights":[...],"bias":b}</c>.</summary>
    Linear,

    /// <summary>An ONNX model (a user's own ranker) scored by ONNX Runtime: one float input [rows, features], one score per row.</summary>
    Onnx,
}

/// <summary>The names of <see cref="ModelFormat"/> in options and on the command line.</summary>
internal static class ModelFormats
{
    /// <summary>The accepted names, for messages.</summary>
    public const string Names = "xgboost-json, lightgbm, linear, onnx";

    /// <summary>The format named <paramref name="name"/> (any case), or null.</summary>
    public static ModelFormat? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "xgboost-json" or "xgboost" => ModelFormat.XgboostJson,
        "lightgbm" => ModelFormat.LightGbm,
        "linear" => ModelFormat.Linear,
        "onnx" => ModelFormat.Onnx,
        _ => null,
    };
}
