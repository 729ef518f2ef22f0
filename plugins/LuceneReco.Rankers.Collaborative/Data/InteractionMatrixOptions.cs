namespace LuceneReco.Rankers.Collaborative.Data;

/// <summary>How events become the user x item preference strengths <c>r_ui</c>. A model keeps the options it was trained with, so request-time histories are turned into strengths the same way.</summary>
public sealed record InteractionMatrixOptions
{
    /// <summary>How repeated events on one item combine. <value>The default is <see cref="WeightAggregation.Sum"/>.</value></summary>
    public WeightAggregation Aggregation { get; init; } = WeightAggregation.Sum;

    /// <summary>How the aggregated weight becomes a strength. <value>The default is <see cref="WeightScaling.Raw"/>.</value></summary>
    public WeightScaling Scaling { get; init; } = WeightScaling.Raw;

    /// <summary>The <c>epsilon</c> of <see cref="WeightScaling.Log"/>. <value>The default is 1.</value></summary>
    public double LogEpsilon { get; init; } = 1;

    /// <summary>Aggregated weights below this are not a preference and are dropped (e.g. 3 to keep only good ratings). <value>The default is <c>null</c>: every weight above 0 counts.</value></summary>
    public double? MinWeight { get; init; }

    /// <summary>Reports every problem at once; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Aggregation)) errors.Add($"Aggregation must be Sum, Max or Latest, got {Aggregation}");
        if (!Enum.IsDefined(Scaling)) errors.Add($"Scaling must be Raw, Log or Binary, got {Scaling}");
        if (!double.IsFinite(LogEpsilon) || LogEpsilon <= 0) errors.Add($"LogEpsilon must be > 0, got {LogEpsilon}");
        if (MinWeight is double m && !double.IsFinite(m)) errors.Add($"MinWeight must be finite, got {m}");
        return errors;
    }

    /// <summary>The strength of an aggregated weight, or 0 when it is not a preference.</summary>
    public float Strength(double aggregatedWeight)
    {
        if (!(aggregatedWeight > 0) || (MinWeight is double min && aggregatedWeight < min)) return 0f;
        return Scaling switch
        {
            WeightScaling.Log => (float)Math.Log(1 + aggregatedWeight / LogEpsilon),
            WeightScaling.Binary => 1f,
            _ => (float)aggregatedWeight,
        };
    }

    /// <summary>Combines a weight into the running aggregate (<paramref name="newer"/> says the event is newer than any before it).</summary>
    internal double Combine(double aggregate, double weight, bool newer) => Aggregation switch
    {
        WeightAggregation.Max => Math.Max(aggregate, weight),
        WeightAggregation.Latest => newer ? weight : aggregate,
        _ => aggregate + weight,
    };
}
