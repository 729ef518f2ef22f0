using LuceneReco.Rankers.Fairness.Common;

namespace LuceneReco.Rankers.Fairness.Calibration;

/// <summary>The "options" of a pipeline step using "calibration", e.g. <c>{ "field": "category", "lambda": 0.5 }</c>.</summary>
public sealed class CalibrationOptions
{
    /// <summary>The keyword field holding an item's categories (an item with several splits its weight evenly).</summary>
    /// <value>The default is "category".</value>
    public string Field { get; set; } = "category";

    /// <summary>The trade-off lambda of <c>(1 - lambda) * sum relevance - lambda * KL(p || q~)</c>, 0 to 1; a request may send <c>calibration.lambda</c>.</summary>
    /// <value>The default is 0.5.</value>
    public double Lambda { get; set; } = 0.5;

    /// <summary>The smoothing a of <c>q~ = (1 - a) q + a p</c>, which keeps the divergence finite; 0 &lt; a &lt; 1.</summary>
    /// <value>The default is 0.01.</value>
    public double Smoothing { get; set; } = 0.01;

    /// <summary>How many top positions are chosen greedily; <c>null</c> uses the request's k. The rest follow in incoming order.</summary>
    /// <value>The default is <c>null</c>.</value>
    public int? K { get; set; }

    /// <summary>The user's most recent interactions read for the history distribution p.</summary>
    /// <value>The default is 500.</value>
    public int MaxHistory { get; set; } = 500;

    /// <summary>The least lambda a request may ask for; with <see cref="MaxLambda"/> null, requests may not change lambda.</summary>
    /// <value>The default is <c>null</c> (no request overrides).</value>
    public double? MinLambda { get; set; }

    /// <summary>The largest lambda a request may ask for.</summary>
    /// <value>The default is <c>null</c> (no request overrides).</value>
    public double? MaxLambda { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Field)) problems.Add("field must be a field name");
        if (!(Lambda >= 0 && Lambda <= 1)) problems.Add(Text.F($"lambda must be 0 to 1, got {Lambda}"));
        if (!(Smoothing > 0 && Smoothing < 1)) problems.Add(Text.F($"smoothing must be strictly between 0 and 1, got {Smoothing}"));
        if (K is int k && k < 1) problems.Add(Text.F($"k must be at least 1, got {k}"));
        if (MaxHistory is < 1 or > 100_000) problems.Add(Text.F($"maxHistory must be 1 to 100000, got {MaxHistory}"));
        if ((MinLambda is null) != (MaxLambda is null)) problems.Add("minLambda and maxLambda must be set together");
        if (MinLambda is double lo && MaxLambda is double hi && !(lo >= 0 && lo <= hi && hi <= 1))
            problems.Add(Text.F($"minLambda and maxLambda must satisfy 0 <= minLambda <= maxLambda <= 1, got {lo} and {hi}"));
        if (problems.Count > 0) throw new ArgumentException("calibration: " + string.Join("; ", problems));
    }
}
