namespace LuceneReco.Rankers.Collaborative.Ranking;

/// <summary>Options of the "als" ranker; see <see cref="CollaborativeRankerOptions"/>.</summary>
public sealed record AlsRankerOptions : CollaborativeRankerOptions
{
    /// <summary>Users unseen at training get factors folded in from their history (one exact solve). <value>The default is <c>true</c>.</value></summary>
    public bool FoldInUnseenUsers { get; init; } = true;

    /// <summary>
    /// Users seen at training are scored with their trained factors instead of folding in their current history.
    /// Folding in (the default) counts interactions since training and explains each score exactly.
    /// <value>The default is <c>false</c>.</value>
    /// </summary>
    public bool UseTrainedFactors { get; init; }
}
