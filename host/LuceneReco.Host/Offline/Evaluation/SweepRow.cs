namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>One system of a sweep report: a reference system (<see cref="Value"/> null) or the pipeline with one swept value.</summary>
/// <param name="Name">The system's name, e.g. <c>popularity</c> or <c>mmr.lambda=0.5</c>.</param>
/// <param name="Value">The swept value as written, or null for a reference system.</param>
/// <param name="Ndcg">Mean NDCG@10.</param>
/// <param name="Recall">Mean Recall@k.</param>
/// <param name="Coverage">Catalogue coverage.</param>
/// <param name="Scores">Its diversity and fairness.</param>
internal sealed record SweepRow(string Name, string? Value, double Ndcg, double Recall, double Coverage, BeyondAccuracyScores Scores)
{
    /// <summary>The metrics the report tabulates and plots against NDCG@10, by column name, with how to read each.</summary>
    public static IReadOnlyList<(string Column, string Title, Func<SweepRow, double> Read)> Metrics { get; } =
    [
        ("ild_text", "intra-list diversity (TF-IDF cosine)", r => r.Scores.IldText),
        ("ild_category", "intra-list diversity (categories)", r => r.Scores.IldCategory),
        ("alpha_ndcg", "alpha-nDCG (categories)", r => r.Scores.AlphaNdcg),
        ("coverage", "catalogue coverage", r => r.Coverage),
        ("item_gini", "Gini of item exposure (lower is fairer)", r => r.Scores.ItemGini),
        ("provider_gini", "Gini of provider exposure (lower is fairer)", r => r.Scores.ProviderGini),
        ("exposure_ratio", "exposure ratio, least / most exposed group", r => r.Scores.ExposureRatio),
        ("calibration_kl", "calibration KL (lower is closer to history)", r => r.Scores.CalibrationKl),
        ("user_gap", "NDCG gap between user groups", r => r.Scores.UserGap),
    ];
}
