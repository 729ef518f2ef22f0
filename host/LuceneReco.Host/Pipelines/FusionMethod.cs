namespace LuceneReco.Host.Pipelines;

/// <summary>How the candidate lists of several recall sources become one.</summary>
internal enum FusionMethod
{
    /// <summary>Reciprocal rank fusion: <c>sum over sources of weight / (k + rank)</c>, rank from 1.</summary>
    Rrf,

    /// <summary>Weighted sum of min-max normalised scores: <c>sum over sources of weight * (score - min) / (max - min)</c>.</summary>
    WeightedSum,
}
