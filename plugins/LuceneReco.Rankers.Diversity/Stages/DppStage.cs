using LuceneReco.Plugins;
using LuceneReco.Rankers.Diversity.Core;
using LuceneReco.Rankers.Diversity.Options;

namespace LuceneReco.Rankers.Diversity.Stages;

/// <summary>The "dpp" stage: <see cref="DppGreedy"/> over the depth with kernel quality from <see cref="DppKernel"/>, theta from the options or the request's <c>{name}.theta</c>.</summary>
internal sealed class DppStage(string name, DppOptions options, IRankerServices services) : SimilarityStage(name, options, services)
{
    protected override string OptionList => "theta";

    protected override bool Takes(string option) => option == "theta";

    protected override void ReadOverrides(RankingRequest request, List<string>? problems) => Theta(request, problems);

    protected override Selection Select(RankingRequest request, double[] relevance, ISimilarity similarity, int positions, CancellationToken cancellation)
    {
        double[] quality = DppKernel.Quality(relevance, Theta(request, null));
        DppResult result = DppGreedy.Select(quality, similarity, positions, options.Window, options.Epsilon, cancellation);
        return new Selection(result.Order, result.Gain, "gain", result.MaxSimilarity, result.Closest);
    }

    private double Theta(RankingRequest request, List<string>? problems) =>
        RequestOverrides.Number(request, Name, "theta", options.Theta, options.MinTheta, options.MaxTheta, problems);
}
