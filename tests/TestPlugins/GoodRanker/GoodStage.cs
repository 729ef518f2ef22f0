using LuceneReco.Plugins;

namespace LuceneReco.TestPlugins.Good;

/// <summary>Adds <see cref="GoodRanker.Delta"/> to every candidate's score; keeps the order.</summary>
internal sealed class GoodStage : IRankerStage
{
    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        foreach (var candidate in candidates)
        {
            candidate.Score += GoodRanker.Delta;
            candidate.StageScores["good"] = candidate.Score;
            candidate.Explain("good", GoodRanker.Label);
        }
        return ValueTask.CompletedTask;
    }
}
