using LuceneReco.Plugins;

namespace LuceneReco.TestPlugins.Hanging;

/// <summary>Hangs: either awaiting the cancellation token, or (hard) blocking the thread and ignoring it.</summary>
internal sealed class HangingStage(bool hard, int milliseconds) : IRankerStage
{
    public async ValueTask RerankAsync(RankingRequest request, List<Candidate> candidates, CancellationToken cancellation)
    {
        if (hard)
        {
            Thread.Sleep(milliseconds);
            return;
        }
        await Task.Delay(milliseconds, cancellation).ConfigureAwait(false);
    }
}
