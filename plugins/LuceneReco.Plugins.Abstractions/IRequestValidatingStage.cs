namespace LuceneReco.Plugins;

/// <summary>
/// A stage whose behaviour a request may change within bounds the pipeline sets (for example a diversity slider sending
/// <c>mmr.lambda=0.4</c> in <see cref="RankingRequest.Options"/>). The host calls <see cref="ValidateRequest"/> before any
/// recall runs; a non-empty answer is a 400 for the caller, with every problem listed, and the pipeline does not run.
/// </summary>
public interface IRequestValidatingStage : IRankerStage
{
    /// <summary>
    /// The problems with <paramref name="request"/>'s overrides for this stage, each naming the option and the bound it broke
    /// (for example <c>"mmr.lambda must be between 0.3 and 1, got 0.1"</c>); empty when the request is acceptable.
    /// Must be cheap and must not throw.
    /// </summary>
    IReadOnlyList<string> ValidateRequest(RankingRequest request);
}
