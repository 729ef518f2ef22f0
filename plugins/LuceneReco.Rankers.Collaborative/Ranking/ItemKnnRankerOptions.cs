namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>Options of the "itemknn" ranker; see <see cref="CollaborativeRankerOptions"/>.</summary>
public sealed record ItemKnnRankerOptions : CollaborativeRankerOptions;
