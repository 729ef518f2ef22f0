namespace LuceneReco.Host.Offline.Evaluation;

/// <summary>One recommender's diversity and fairness, computed by <see cref="BeyondAccuracy.Of"/> at one depth (NaN where it cannot be judged).</summary>
/// <param name="IldText">Mean intra-list diversity by TF-IDF cosine distance.</param>
/// <param name="IldCategory">Mean intra-list diversity by category distance (1 - Jaccard of the category sets).</param>
/// <param name="AlphaNdcg">Mean alpha-nDCG with the categories as subtopics.</param>
/// <param name="ItemGini">Gini of exposure over the catalogue's items.</param>
/// <param name="ProviderGini">Gini of exposure over providers (NaN with fewer than two providers).</param>
/// <param name="ExposureRatio">The least exposed item group's mean exposure per item over the most exposed one's.</param>
/// <param name="GroupExposure">Mean exposure per item of each item group.</param>
/// <param name="CalibrationKl">Mean KL divergence of the list's category mix from the history's.</param>
/// <param name="UserGap">The largest difference in mean NDCG between two user groups.</param>
/// <param name="UserGroupNdcg">Mean NDCG of each user group.</param>
public sealed record BeyondAccuracyScores(double IldText, double IldCategory, double AlphaNdcg, double ItemGini, double ProviderGini,
    double ExposureRatio, IReadOnlyDictionary<string, double> GroupExposure, double CalibrationKl, double UserGap,
    IReadOnlyDictionary<string, double> UserGroupNdcg);
