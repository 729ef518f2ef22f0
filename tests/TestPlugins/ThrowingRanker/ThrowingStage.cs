using LuceneReco.Plugins;

namespace LuceneReco.TestPlugins.Throwing;

/// <summary>Always throws.</summary>
internal sealed class ThrowingStage : IRankerStage
{
    public ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation) =>
        throw new InvalidOperationException("the 'throws' test ranker always fails");
}
