namespace LuceneReco.Rankers.Collaborative.Popularity;

/// <summary>Which list a popularity source recalls.</summary>
public enum PopularityOrder
{
    /// <summary>Most distinct users first.</summary>
    Popular,

    /// <summary>Most recent, kind-weighted activity first.</summary>
    Trending,
}
