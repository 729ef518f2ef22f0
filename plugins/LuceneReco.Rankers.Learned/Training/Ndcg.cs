namespace LuceneReco.Rankers.Learned.Training;

/// <summary>
/// NDCG@k with gains <c>2^label - 1</c> and discounts <c>1 / log2(1 + rank)</c> (as LightGBM's lambdarank and XGBoost's
/// rank:ndcg use), averaged over the lists that have a positive label (a list without one says nothing about the order).
/// </summary>
internal static class Ndcg
{
    /// <summary>Mean NDCG@<paramref name="k"/> of ordering each group's rows by <paramref name="scores"/>, higher first (ties: earlier row first).</summary>
    public static double Mean(ReadOnlySpan<float> labels, ReadOnlySpan<int> groups, ReadOnlySpan<double> scores, int k, out int counted)
    {
        double sum = 0;
        counted = 0;
        int start = 0;
        foreach (int size in groups)
        {
            double ideal = Dcg(labels.Slice(start, size), IdealOrder(labels.Slice(start, size)), k);
            if (ideal > 0)
            {
                var order = new int[size];
                for (int i = 0; i < size; i++) order[i] = i;
                var s = scores.Slice(start, size).ToArray();
                Array.Sort(order, (a, b) => s[a] != s[b] ? s[b].CompareTo(s[a]) : a.CompareTo(b));
                sum += Dcg(labels.Slice(start, size), order, k) / ideal;
                counted++;
            }
            start += size;
        }
        return counted == 0 ? double.NaN : sum / counted;
    }

    private static int[] IdealOrder(ReadOnlySpan<float> labels)
    {
        var l = labels.ToArray();
        var order = new int[l.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => l[b].CompareTo(l[a]));
        return order;
    }

    private static double Dcg(ReadOnlySpan<float> labels, int[] order, int k)
    {
        double dcg = 0;
        for (int r = 0; r < Math.Min(k, order.Length); r++) dcg += (Math.Pow(2, labels[order[r]]) - 1) / Math.Log2(r + 2);
        return dcg;
    }
}
