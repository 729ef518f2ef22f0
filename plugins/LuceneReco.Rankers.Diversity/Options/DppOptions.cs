namespace LuceneReco.Rankers.Diversity.Options;

/// <summary>
/// The options of the "dpp" ranker, e.g. <c>{ "theta": 0.7, "window": 10, "positions": 50 }</c>. A request may send
/// <c>{name}.theta</c> within [<see cref="MinTheta"/>, <see cref="MaxTheta"/>].
/// </summary>
public sealed class DppOptions : SimilarityStageOptions
{
    /// <summary>The relevance/diversity trade-off of Chen et al. (2018), at least 0 and below 1 (higher is more relevance). <value>The default is 0.7.</value></summary>
    public double Theta { get; set; } = 0.7;

    /// <summary>The least theta a request may ask for. <value>The default is 0.</value></summary>
    public double MinTheta { get; set; }

    /// <summary>The largest theta a request may ask for, below 1. <value>The default is 0.99.</value></summary>
    public double MaxTheta { get; set; } = 0.99;

    /// <summary>Diversity only among each run of this many consecutive places (the sliding window), at least 2; <c>null</c> for the whole selection. <value>The default is <c>null</c>.</value></summary>
    public int? Window { get; set; }

    /// <summary>Stop choosing when the best marginal gain <c>d^2</c> (relative to the most relevant item's) is below this; the rest follow in relevance order. <value>The default is 1e-10.</value></summary>
    public double Epsilon { get; set; } = 1e-10;

    /// <inheritdoc/>
    protected override void Validate(List<string> problems)
    {
        base.Validate(problems);
        if (!(MinTheta >= 0 && MinTheta < 1)) problems.Add(Format($"minTheta must be at least 0 and below 1, got {MinTheta}"));
        if (!(MaxTheta >= 0 && MaxTheta < 1)) problems.Add(Format($"maxTheta must be at least 0 and below 1, got {MaxTheta}"));
        if (!(Theta >= MinTheta && Theta <= MaxTheta)) problems.Add(Format($"theta must be between minTheta {MinTheta} and maxTheta {MaxTheta}, got {Theta}"));
        if (Window is < 2) problems.Add(Format($"window must be at least 2 (or null for none), got {Window}"));
        if (!(Epsilon >= 0 && double.IsFinite(Epsilon))) problems.Add(Format($"epsilon must be a finite number at least 0, got {Epsilon}"));
    }
}
