namespace LuceneReco.Rankers.Learned.Features;

/// <summary>How a feature's raw value is normalised before the model sees it.</summary>
internal enum NormaliserKind
{
    /// <summary>The value as it is.</summary>
    None,

    /// <summary><c>(x - minimum) / (maximum - minimum)</c>.</summary>
    MinMax,

    /// <summary><c>(x - mean) / standard_deviation</c>.</summary>
    Standard,
}

/// <summary>
/// A feature normaliser as in the Elasticsearch LTR plugin's <c>feature_normalizers</c> (<c>min_max</c> with minimum and
/// maximum, <c>standard</c> with mean and standard_deviation); no clipping. A missing value stays missing.
/// </summary>
/// <param name="Kind">Which normaliser.</param>
/// <param name="Offset">The minimum or the mean.</param>
/// <param name="Scale">maximum - minimum, or the standard deviation (always &gt; 0).</param>
internal readonly record struct FeatureNormaliser(NormaliserKind Kind, double Offset, double Scale)
{
    public static FeatureNormaliser None => default;

    public static FeatureNormaliser MinMax(double minimum, double maximum)
    {
        if (!double.IsFinite(minimum) || !double.IsFinite(maximum) || maximum <= minimum)
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, $"The maximum must be finite and above the minimum {minimum}");
        return new FeatureNormaliser(NormaliserKind.MinMax, minimum, maximum - minimum);
    }

    public static FeatureNormaliser Standard(double mean, double standardDeviation)
    {
        if (!double.IsFinite(mean)) throw new ArgumentOutOfRangeException(nameof(mean), mean, "The mean must be finite");
        if (!double.IsFinite(standardDeviation) || standardDeviation <= 0)
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and above 0");
        return new FeatureNormaliser(NormaliserKind.Standard, mean, standardDeviation);
    }

    /// <summary>The normalised value; NaN (missing) stays NaN.</summary>
    public double Apply(double x) => Kind == NormaliserKind.None ? x : (x - Offset) / Scale;
}
