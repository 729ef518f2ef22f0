namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>Options of the "ease" ranker; see <see cref="CollaborativeRankerOptions"/>.</summary>
public sealed record EaseRankerOptions : CollaborativeRankerOptions;
