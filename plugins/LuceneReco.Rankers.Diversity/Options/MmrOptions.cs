namespace LuceneReco.Rankers.Diversity.Options;

/// <summary>
/// The options of the "mmr" ranker, e.g. <c>{ "lambda": 0.7, "minLambda": 0.3, "maxLambda": 1, "attributeFields": "category" }</c>.
/// A request may send <c>{name}.lambda</c> within [<see cref="MinLambda"/>, <see cref="MaxLambda"/>]; set both to
/// <see cref="Lambda"/> to forbid overrides.
/// </summary>
public sealed class MmrOptions : SimilarityStageOptions
{
    /// <summary>The relevance share of <c>lambda * rel - (1 - lambda) * max_sim</c>, 0 to 1 (1 is relevance order). <value>The default is 0.7.</value></summary>
    public double Lambda { get; set; } = 0.7;

    /// <summary>The least lambda a request may ask for. <value>The default is 0.</value></summary>
    public double MinLambda { get; set; }

    /// <summary>The largest lambda a request may ask for. <value>The default is 1.</value></summary>
    public double MaxLambda { get; set; } = 1;

    /// <inheritdoc/>
    protected override void Validate(List<string> problems)
    {
        base.Validate(problems);
        if (!(MinLambda >= 0 && MinLambda <= 1)) problems.Add(Format($"minLambda must be between 0 and 1, got {MinLambda}"));
        if (!(MaxLambda >= 0 && MaxLambda <= 1)) problems.Add(Format($"maxLambda must be between 0 and 1, got {MaxLambda}"));
        if (!(Lambda >= MinLambda && Lambda <= MaxLambda)) problems.Add(Format($"lambda must be between minLambda {MinLambda} and maxLambda {MaxLambda}, got {Lambda}"));
    }
}
