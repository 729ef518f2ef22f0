namespace LuceneReco.Rankers.Learned.Training;

/// <summary>
/// NDCG@k with gains <c>2^label - 1</c> and discounts <c>1 / log2(1 + rank)</c> (as LightGBM's lambdarank and XGBoost's
/// rank:ndcg use), averaged over the lists that have a positive label (a list without one says nothing about the order).
/// </summary>
internal static class Ndcg
{
    /// <summary>Mean NDCG@<paramref name="k"/> of ordering each group's rows by <paramref name="scores"/>, higher first (ties: earlier row first).</summary>
    public static double Mean(ReadOnlySpan<float> labels, ReadOnlySpan<int> groups, ReadOnlySpan<double> scores, int k, out int counted) =>
        Mean(labels, default, groups, scores, k, out counted);

    /// <summary>
    /// As <see cref="Mean(ReadOnlySpan{float}, ReadOnlySpan{int}, ReadOnlySpan{double}, int, out int)"/> with each row's gain
    /// multiplied by its weight (empty: 1), in the DCG and the ideal alike: with inverse propensity weights on the clicked
    /// rows this estimates the NDCG on relevance rather than on biased clicks (Joachims, Swaminathan &amp; Schnabel 2017).
    /// </summary>
    public static double Mean(ReadOnlySpan<float> labels, ReadOnlySpan<float> weights, ReadOnlySpan<int> groups, ReadOnlySpan<double> scores, int k, out int counted)
    {
        double sum = 0;
        counted = 0;
        int start = 0;
        foreach (int size in groups)
        {
            var gains = new double[size];
            for (int i = 0; i < size; i++) gains[i] = (Math.Pow(2, labels[start + i]) - 1) * (weights.IsEmpty ? 1 : weights[start + i]);
            double ideal = Dcg(gains, IdealOrder(gains), k);
            if (ideal > 0)
            {
                var order = new int[size];
                for (int i = 0; i < size; i++) order[i] = i;
                var s = scores.Slice(start, size).ToArray();
                Array.Sort(order, (a, b) => s[a] != s[b] ? s[b].CompareTo(s[a]) : a.CompareTo(b));
                sum += Dcg(gains, order, k) / ideal;
                counted++;
            }
            start += size;
        }
        return counted == 0 ? double.NaN : sum / counted;
    }

    private static int[] IdealOrder(double[] gains)
    {
        var order = new int[gains.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => gains[b].CompareTo(gains[a]));
        return order;
    }

    private static double Dcg(double[] gains, int[] order, int k)
    {
        double dcg = 0;
        for (int r = 0; r < Math.Min(k, order.Length); r++) dcg += gains[order[r]] / Math.Log2(r + 2);
        return dcg;
    }
}
