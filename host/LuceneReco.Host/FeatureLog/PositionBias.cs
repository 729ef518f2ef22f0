using System.Globalization;

namespace LuceneReco.Host.FeatureLog;

/// <summary>
/// The examination propensity of each position, estimated from the randomised lists of the log: their first places were
/// shuffled uniformly, so an item's relevance does not depend on where it was shown and the rate of positive labels at
/// place k, divided by that at place 1, estimates <c>p(k) / p(1)</c> (the position-based model; the randomisation of
/// Joachims, Swaminathan &amp; Schnabel 2017, "Unbiased learning-to-rank with biased feedback", by full shuffles of the top).
/// Places past the randomised ones take the last estimated propensity. Inverse propensity weights are
/// <c>min(maxWeight, 1 / p(k))</c> on items with a positive label, 1 on the others.
/// </summary>
internal sealed class PositionBias
{
    private readonly double[] _propensity; // by position - 1

    private PositionBias(double[] propensity, int[] shown, int[] positives, int lists)
    {
        _propensity = propensity;
        Shown = shown;
        Positives = positives;
        RandomisedLists = lists;
    }

    /// <summary>How many randomised lists the estimate rests on.</summary>
    public int RandomisedLists { get; }

    /// <summary>How many randomised lists showed something at each place (index = position - 1).</summary>
    public IReadOnlyList<int> Shown { get; }

    /// <summary>How many of those had a positive label there.</summary>
    public IReadOnlyList<int> Positives { get; }

    /// <summary>How many places were estimated.</summary>
    public int Positions => _propensity.Length;

    /// <summary>
    /// Estimates from <paramref name="lists"/>; null when none is randomised or none of their first places has a positive
    /// label (nothing to estimate from). A place with no positive gets half a click (so its weight is large, not infinite).
    /// </summary>
    public static PositionBias? Estimate(IReadOnlyList<LabelledList> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        int depth = 0, count = 0;
        foreach (var l in lists)
            if (l.List.RandomisedTop > 0)
            {
                depth = Math.Max(depth, Math.Min(l.List.RandomisedTop, l.Labels.Length));
                count++;
            }
        if (depth == 0) return null;
        var shown = new int[depth];
        var positives = new int[depth];
        foreach (var l in lists)
        {
            int top = Math.Min(l.List.RandomisedTop, l.Labels.Length);
            for (int k = 0; k < top; k++)
            {
                shown[k]++;
                if (l.Labels[k] > 0) positives[k]++;
            }
        }
        if (positives[0] == 0) return null;
        double first = positives[0] / (double)shown[0];
        var propensity = new double[depth];
        for (int k = 0; k < depth; k++)
            propensity[k] = Math.Min(1, Math.Max(positives[k], 0.5) / shown[k] / first);
        propensity[0] = 1;
        return new PositionBias(propensity, shown, positives, count);
    }

    /// <summary>The propensity of <paramref name="position"/> (from 1), relative to the first place's.</summary>
    public double Propensity(int position)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        return _propensity[Math.Min(position, _propensity.Length) - 1];
    }

    /// <summary>The training weight of an item at <paramref name="position"/> with <paramref name="label"/>.</summary>
    public double Weight(int position, double label, double maxWeight) => label > 0 ? Math.Min(maxWeight, 1 / Propensity(position)) : 1;

    /// <summary>A table for people: position, lists shown, positives, propensity.</summary>
    public string Describe()
    {
        var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"position bias from {RandomisedLists:N0} randomised lists"), "position\tshown\tpositives\tpropensity" };
        for (int k = 0; k < _propensity.Length; k++)
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{k + 1}\t{Shown[k]}\t{Positives[k]}\t{_propensity[k]:0.0000}"));
        return string.Join(Environment.NewLine, lines);
    }
}
