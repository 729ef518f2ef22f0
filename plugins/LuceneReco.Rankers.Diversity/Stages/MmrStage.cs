using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Core;
using LuceneReco.Rankers.Diversity.Options;

namespace LuceneReco.Rankers.Diversity.Stages;

/// <summary>The "mmr" stage: <see cref="Mmr"/> over the depth, lambda from the options or the request's <c>{name}.lambda</c>.</summary>
internal sealed class MmrStage(string name, MmrOptions options, IRankerServices services) : SimilarityStage(name, options, services)
{
    protected override string OptionList => "lambda";

    protected override bool Takes(string option) => option == "lambda";

    protected override void ReadOverrides(RankingRequest request, List<string>? problems) => Lambda(request, problems);

    protected override Selection Select(RankingRequest request, double[] relevance, ISimilarity similarity, int positions, CancellationToken cancellation)
    {
        MmrResult result = Mmr.Select(relevance, similarity, Lambda(request, null), positions, cancellation);
        return new Selection(result.Order, result.Objective, "score", result.MaxSimilarity, result.Closest);
    }

    private double Lambda(RankingRequest request, List<string>? problems) =>
        RequestOverrides.Number(request, Name, "lambda", options.Lambda, options.MinLambda, options.MaxLambda, problems);
}
