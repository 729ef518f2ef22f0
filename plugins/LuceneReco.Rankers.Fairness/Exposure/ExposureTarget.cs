namespace LuceneReco.Rankers.Fairness.Exposure;

/// <summary>What share of attention each group is owed.</summary>
public enum ExposureTarget
{
    /// <summary>Every group present in a request's candidates is owed the same share of that request's exposure.</summary>
    Equal,

    /// <summary>A group is owed the share of the request's relevance its candidates carry (scores min-max normalised), as in Biega et al. 2018.</summary>
    Relevance,
}
