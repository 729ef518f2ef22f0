namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>Options of the "userknn" ranker; see <see cref="CollaborativeRankerOptions"/>.</summary>
public sealed record UserKnnRankerOptions : CollaborativeRankerOptions;
