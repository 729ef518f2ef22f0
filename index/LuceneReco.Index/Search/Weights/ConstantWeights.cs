namespace LuceneReco.Index.Search.Weights;

/// <summary>Matches docs whose numeric field is within [min, max]; scores the boost.</summary>
internal sealed class NumericRangeWeight(int fieldNumber, double min, double max, float boost, string fieldName) : Weight
{
    public override void Score(LeafReader leaf, IHitSink sink)
    {
        if (leaf.Core.Numbers[fieldNumber] is not { } values) return;
        for (int d = 0; d < values.Length; d++)
        {
            double v = values[d];
            if (v >= min && v <= max) sink.Hit(d, boost); // NaN (missing) fails both tests
        }
    }

    public override Explanation? Explain(LeafReader leaf, int doc) =>
        leaf.Core.Numbers[fieldNumber] is { } values && values[doc] >= min && values[doc] <= max
            ? Explanation.Of(boost, $"{fieldName} in [{min}, {max}]")
            : null;
}

/// <summary>Matches every document; scores the boost.</summary>
internal sealed class MatchAllWeight(float boost) : Weight
{
    public override void Score(LeafReader leaf, IHitSink sink)
    {
        for (int d = 0; d < leaf.Core.MaxDoc; d++) sink.Hit(d, boost);
    }

    public override Explanation? Explain(LeafReader leaf, int doc) => Explanation.Of(boost, "match all");
}
