namespace LuceneReco.Rankers.Diversity.Core;

/// <summary>Relevance of one request's candidates on a common scale.</summary>
internal static class Relevance
{
    /// <summary>
    /// Implemented as <c>(s - min) / (max - min)</c> over the given scores; all 1 when they are equal. A score that is not a
    /// finite number counts as the minimum.
    /// </summary>
    public static double[] MinMax(ReadOnlySpan<double> scores)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double s in scores)
        {
            if (!double.IsFinite(s)) continue;
            min = Math.Min(min, s);
            max = Math.Max(max, s);
        }
        var result = new double[scores.Length];
        for (int i = 0; i < result.Length; i++)
        {
            double s = double.IsFinite(scores[i]) ? scores[i] : min;
            result[i] = max > min ? (s - min) / (max - min) : 1;
        }
        return result;
    }
}
